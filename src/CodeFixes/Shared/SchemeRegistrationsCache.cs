using System.Runtime.CompilerServices;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers.CodeFixes.Shared
{
    /// <summary>One <see cref="SchemeRegistrations"/> per compilation, so that Fix All does not read the project once per diagnostic.</summary>
    internal static class SchemeRegistrationsCache
    {
        private static readonly ConditionalWeakTable<Compilation, SchemeRegistrations> Cache = new ConditionalWeakTable<Compilation, SchemeRegistrations>();

        public static SchemeRegistrations Get(Compilation compilation, CancellationToken cancellationToken)
        {
            if (Cache.TryGetValue(compilation, out var cached))
            {
                return cached;
            }

            var collected = SchemeRegistrations.Collect(compilation, cancellationToken);
            return Cache.GetValue(compilation, _ => collected);
        }
    }
}
