using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// Resolves types by metadata name, once per compilation for all analyzers. <see cref="Compilation.GetTypeByMetadataName"/>
    /// asks every referenced assembly in turn (a web project references about 300, about 0.4 ms per name); walking the
    /// compilation's merged namespaces reaches the few assemblies that declare the namespace, and is an order of magnitude
    /// cheaper. When several assemblies declare the type, <see cref="Compilation.GetTypeByMetadataName"/> decides, as before.
    /// </summary>
    internal static class KnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>> Cache =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>>();

        /// <summary>The type, or null when it is missing, ambiguous or an error type.</summary>
        public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var resolved = Cache.GetValue(compilation, _ => new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal));
            if (resolved.TryGetValue(metadataName, out var type))
            {
                return type;
            }

            type = Find(compilation, metadataName);
            if (type is not null && type.TypeKind == TypeKind.Error)
            {
                type = null;
            }

            resolved.TryAdd(metadataName, type);
            return type;
        }

        private static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
        {
            var ns = compilation.GlobalNamespace;
            var start = 0;
            for (var dot = metadataName.IndexOf('.'); dot >= 0; dot = metadataName.IndexOf('.', start))
            {
                ns = ChildNamespace(ns, metadataName.Substring(start, dot - start));
                if (ns is null)
                {
                    return null;
                }

                start = dot + 1;
            }

            var name = metadataName.Substring(start);
            var arity = 0;
            var tick = name.IndexOf('`');
            if (tick >= 0)
            {
                if (!int.TryParse(name.Substring(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arity))
                {
                    return compilation.GetTypeByMetadataName(metadataName);
                }

                name = name.Substring(0, tick);
            }

            var types = ns.GetTypeMembers(name, arity);
            return types.Length switch
            {
                0 => null,
                1 => types[0],
                _ => compilation.GetTypeByMetadataName(metadataName),
            };
        }

        private static INamespaceSymbol? ChildNamespace(INamespaceSymbol ns, string name)
        {
            foreach (var member in ns.GetMembers(name))
            {
                if (member is INamespaceSymbol child)
                {
                    return child;
                }
            }

            return null;
        }
    }
}
