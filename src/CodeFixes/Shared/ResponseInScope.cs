using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers.CodeFixes.Shared
{
    /// <summary>Finds an expression for the current <c>HttpResponse</c> at a position, for fixes that write a header.</summary>
    internal static class ResponseInScope
    {
        /// <summary>
        /// <c>Response</c> inside a controller, page model, authentication handler or any class with a <c>Response</c> property;
        /// else a parameter or local: an <c>HttpResponse</c> as is, an <c>HttpContext</c> as <c>x.Response</c>, an
        /// <c>HttpRequest</c> as <c>x.HttpContext.Response</c>, a filter or event context as <c>x.HttpContext.Response</c>.
        /// Null when nothing in scope gives the response.
        /// </summary>
        public static string? Find(SemanticModel model, int position, AspNetCoreSymbols symbols, CancellationToken cancellationToken)
        {
            var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
            string? fromContext = null;
            string? fromRequest = null;
            string? fromOther = null;
            foreach (var symbol in model.LookupSymbols(position))
            {
                ITypeSymbol? type = symbol switch
                {
                    ILocalSymbol local => local.Type,
                    IParameterSymbol parameter => parameter.Type,
                    _ => null,
                };

                if (type is null || type.TypeKind == TypeKind.Error)
                {
                    continue;
                }

                if (AspNetCoreSymbols.InheritsFromOrEquals(type, symbols.HttpResponse))
                {
                    return symbol.Name;
                }

                if (AspNetCoreSymbols.InheritsFromOrEquals(type, symbols.HttpContext))
                {
                    fromContext ??= symbol.Name + ".Response";
                }
                else if (AspNetCoreSymbols.InheritsFromOrEquals(type, symbols.HttpRequest))
                {
                    fromRequest ??= symbol.Name + ".HttpContext.Response";
                }
                else if (HasHttpContextProperty(type, symbols))
                {
                    fromOther ??= symbol.Name + ".HttpContext.Response";
                }
            }

            if (enclosing is not null && !IsStaticContext(enclosing))
            {
                foreach (var symbol in model.LookupSymbols(position, name: "Response"))
                {
                    if (symbol is IPropertySymbol { IsStatic: false } property && AspNetCoreSymbols.InheritsFromOrEquals(property.Type, symbols.HttpResponse))
                    {
                        return "Response";
                    }

                    break;
                }
            }

            return fromContext ?? fromRequest ?? fromOther;
        }

        private static bool IsStaticContext(ISymbol symbol)
        {
            for (var current = symbol; current is not null; current = current.ContainingSymbol)
            {
                if (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    continue;
                }

                return current.IsStatic;
            }

            return true;
        }

        private static bool HasHttpContextProperty(ITypeSymbol type, AspNetCoreSymbols symbols)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("HttpContext"))
                {
                    if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                        && AspNetCoreSymbols.InheritsFromOrEquals(property.Type, symbols.HttpContext))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
