using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers.AspNetCore
{
    /// <summary>
    /// The ASP.NET Core types the rules match, resolved once per compilation. <see cref="TryCreate"/> returns null when
    /// ASP.NET Core's HTTP abstractions are not referenced: then no rule registers anything.
    /// Any member other than <see cref="HttpResponse"/> may be null (MVC, minimal APIs or authentication not referenced).
    /// </summary>
    internal sealed class AspNetCoreSymbols
    {
        private AspNetCoreSymbols(Compilation compilation, INamedTypeSymbol httpResponse)
        {
            Compilation = compilation;
            HttpResponse = httpResponse;
            HttpContext = Get(compilation, "Microsoft.AspNetCore.Http.HttpContext");
            HttpRequest = Get(compilation, "Microsoft.AspNetCore.Http.HttpRequest");
            HeaderDictionary = Get(compilation, "Microsoft.AspNetCore.Http.IHeaderDictionary");
            HeaderNames = Get(compilation, "Microsoft.Net.Http.Headers.HeaderNames");
            HttpStatusCode = Get(compilation, "System.Net.HttpStatusCode");
            Results = Get(compilation, "Microsoft.AspNetCore.Http.Results");
            TypedResults = Get(compilation, "Microsoft.AspNetCore.Http.TypedResults");
            UnauthorizedHttpResult = Get(compilation, "Microsoft.AspNetCore.Http.HttpResults.UnauthorizedHttpResult");
            ControllerBase = Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            PageModel = Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            UnauthorizedResult = Get(compilation, "Microsoft.AspNetCore.Mvc.UnauthorizedResult");
            UnauthorizedObjectResult = Get(compilation, "Microsoft.AspNetCore.Mvc.UnauthorizedObjectResult");
            StatusCodeResult = Get(compilation, "Microsoft.AspNetCore.Mvc.StatusCodeResult");
            ObjectResult = Get(compilation, "Microsoft.AspNetCore.Mvc.ObjectResult");
            AuthenticationHandler = Get(compilation, "Microsoft.AspNetCore.Authentication.AuthenticationHandler`1");
            SystemType = Get(compilation, "System.Type");
            Dictionary = Get(compilation, "System.Collections.Generic.Dictionary`2");

            var factories = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            AddIfNotNull(factories, ControllerBase);
            AddIfNotNull(factories, PageModel);
            AddIfNotNull(factories, Results);
            AddIfNotNull(factories, TypedResults);
            ResultFactories = factories.ToImmutable();

            var unauthorizedTypes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            AddIfNotNull(unauthorizedTypes, UnauthorizedResult);
            AddIfNotNull(unauthorizedTypes, UnauthorizedObjectResult);
            AddIfNotNull(unauthorizedTypes, UnauthorizedHttpResult);
            UnauthorizedResultTypes = unauthorizedTypes.ToImmutable();
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol HttpResponse { get; }

        public INamedTypeSymbol? HttpContext { get; }

        public INamedTypeSymbol? HttpRequest { get; }

        public INamedTypeSymbol? HeaderDictionary { get; }

        public INamedTypeSymbol? HeaderNames { get; }

        public INamedTypeSymbol? HttpStatusCode { get; }

        public INamedTypeSymbol? Results { get; }

        public INamedTypeSymbol? TypedResults { get; }

        public INamedTypeSymbol? UnauthorizedHttpResult { get; }

        public INamedTypeSymbol? ControllerBase { get; }

        public INamedTypeSymbol? PageModel { get; }

        public INamedTypeSymbol? UnauthorizedResult { get; }

        public INamedTypeSymbol? UnauthorizedObjectResult { get; }

        public INamedTypeSymbol? StatusCodeResult { get; }

        public INamedTypeSymbol? ObjectResult { get; }

        public INamedTypeSymbol? AuthenticationHandler { get; }

        public INamedTypeSymbol? SystemType { get; }

        public INamedTypeSymbol? Dictionary { get; }

        /// <summary>Types whose methods build results: ControllerBase, PageModel, Results, TypedResults.</summary>
        public ImmutableHashSet<INamedTypeSymbol> ResultFactories { get; }

        /// <summary>The framework's 401 result types: UnauthorizedResult, UnauthorizedObjectResult, UnauthorizedHttpResult.</summary>
        public ImmutableArray<INamedTypeSymbol> UnauthorizedResultTypes { get; }

        /// <summary>
        /// Resolves the symbols, or returns null when ASP.NET Core is not referenced. Resolved once per compilation and
        /// shared by every analyzer (each metadata-name lookup walks the compilation's references).
        /// </summary>
        public static AspNetCoreSymbols? TryCreate(Compilation compilation)
        {
            return Cache.GetValue(compilation, Resolve).Symbols;
        }

        private static readonly ConditionalWeakTable<Compilation, Box> Cache = new ConditionalWeakTable<Compilation, Box>();

        private static Box Resolve(Compilation compilation)
        {
            var response = Get(compilation, "Microsoft.AspNetCore.Http.HttpResponse");
            return new Box(response is null ? null : new AspNetCoreSymbols(compilation, response));
        }

        private sealed class Box
        {
            public Box(AspNetCoreSymbols? symbols)
            {
                Symbols = symbols;
            }

            public AspNetCoreSymbols? Symbols { get; }
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> (a definition) or derives from it.</summary>
        /// <remarks>
        /// The chain of definitions is walked: the base type of a constructed type (<c>List&lt;OrderDto&gt;</c>) is substituted
        /// anew for each instance of it, and every object creation with arguments asks (AUTH005).
        /// </remarks>
        public static bool InheritsFromOrEquals(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type?.OriginalDefinition; current is not null; current = current.BaseType?.OriginalDefinition)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is one of the framework's 401 result types or derives from one.</summary>
        public bool IsUnauthorizedResultType(ITypeSymbol? type)
        {
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            foreach (var candidate in UnauthorizedResultTypes)
            {
                if (InheritsFromOrEquals(type, candidate))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="method"/> is declared by (or overrides a method of) a result factory type.</summary>
        public bool IsResultFactoryMethod(IMethodSymbol method)
        {
            for (var current = method; current is not null; current = current.OverriddenMethod)
            {
                if (ResultFactories.Contains(current.ContainingType.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="property"/> is <c>HttpResponse.StatusCode</c> or an override of it.</summary>
        public bool IsResponseStatusCode(IPropertySymbol property)
        {
            if (property.Name != "StatusCode")
            {
                return false;
            }

            for (var current = property; current is not null; current = current.OverriddenProperty)
            {
                if (SymbolEqualityComparer.Default.Equals(current.ContainingType, HttpResponse))
                {
                    return true;
                }
            }

            return false;
        }

        private static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var type = KnownTypes.Get(compilation, metadataName);
            return type is null || type.TypeKind == TypeKind.Error ? null : type;
        }

        private static void AddIfNotNull(ImmutableHashSet<INamedTypeSymbol>.Builder set, INamedTypeSymbol? type)
        {
            if (type is not null)
            {
                set.Add(type);
            }
        }

        private static void AddIfNotNull(ImmutableArray<INamedTypeSymbol>.Builder array, INamedTypeSymbol? type)
        {
            if (type is not null)
            {
                array.Add(type);
            }
        }
    }
}
