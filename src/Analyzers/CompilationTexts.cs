using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// The package's compilation-wide reads of the source text, made in one pass over the files, once per compilation: the
    /// files that may register authentication schemes (<see cref="SchemeRegistrations"/>) and the challenge safety net
    /// (<see cref="ChallengeSafetyNet"/>); nothing is bound here. Searching a file's text costs about as much as bringing
    /// it from memory: in the benchmark's replays at 4,000 files (8.5 M characters), each of the two searches made in a pass
    /// of its own took 3 to 4 ms, and made one after the other on each file, about 2.5 and 2 ms.
    /// </summary>
    internal sealed class CompilationTexts
    {
        private static readonly OncePerCompilation<CompilationTexts> Cache = new OncePerCompilation<CompilationTexts>(Read);

        private CompilationTexts(SchemeRegistrations.TextScan registrations, bool hasChallengeSafetyNet)
        {
            Registrations = registrations;
            HasChallengeSafetyNet = hasChallengeSafetyNet;
        }

        /// <summary>The files that may register authentication schemes; <see cref="SchemeRegistrations.For"/> binds them when asked.</summary>
        public SchemeRegistrations.TextScan Registrations { get; }

        public bool HasChallengeSafetyNet { get; }

        /// <summary>Read once per compilation; callers that arrive meanwhile wait.</summary>
        public static CompilationTexts For(Compilation compilation, CancellationToken cancellationToken) => Cache.Get(compilation, cancellationToken);

        private static CompilationTexts Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var registrations = new SchemeRegistrations.TextScan();
            var safetyNet = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = tree.GetText(cancellationToken).ToString();
                safetyNet = safetyNet || ChallengeSafetyNet.ExistsIn(tree, text, cancellationToken);
                registrations.Read(tree, text);
            }

            return new CompilationTexts(registrations, safetyNet);
        }
    }
}
