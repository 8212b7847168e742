using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers.AspNetCore
{
    /// <summary>
    /// The framework types that register middleware, resolved once per compilation for the pipeline model.
    /// <see cref="TryCreate"/> returns null when <c>IApplicationBuilder</c> is not referenced.
    /// </summary>
    internal sealed class PipelineSymbols
    {
        private PipelineSymbols(Compilation compilation, INamedTypeSymbol applicationBuilder)
        {
            Compilation = compilation;
            ApplicationBuilder = applicationBuilder;
            WebApplication = Get(compilation, "Microsoft.AspNetCore.Builder.WebApplication");
            WebApplicationBuilder = Get(compilation, "Microsoft.AspNetCore.Builder.WebApplicationBuilder");
            CorsExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions");
            AuthenticationExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions");
            AuthorizationExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.AuthorizationAppBuilderExtensions");
            RoutingExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions");
            UseMiddlewareExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.UseMiddlewareExtensions");
            UseExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.UseExtensions");
            RunExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.RunExtensions");
            UseWhenExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.UseWhenExtensions");
            MapWhenExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.MapWhenExtensions");
            MapExtensions = Get(compilation, "Microsoft.AspNetCore.Builder.MapExtensions");
            HttpContext = Get(compilation, "Microsoft.AspNetCore.Http.HttpContext");
            Middleware = Get(compilation, "Microsoft.AspNetCore.Http.IMiddleware");
            HttpMethods = Get(compilation, "Microsoft.AspNetCore.Http.HttpMethods");
            RequestDelegate = Get(compilation, "Microsoft.AspNetCore.Http.RequestDelegate");
            AuthenticationHttpContextExtensions = Get(compilation, "Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions");
        }

        public Compilation Compilation { get; }

        /// <summary><c>Microsoft.AspNetCore.Builder.IApplicationBuilder</c>.</summary>
        public INamedTypeSymbol ApplicationBuilder { get; }

        public INamedTypeSymbol? WebApplication { get; }

        public INamedTypeSymbol? WebApplicationBuilder { get; }

        public INamedTypeSymbol? CorsExtensions { get; }

        public INamedTypeSymbol? AuthenticationExtensions { get; }

        public INamedTypeSymbol? AuthorizationExtensions { get; }

        public INamedTypeSymbol? RoutingExtensions { get; }

        public INamedTypeSymbol? UseMiddlewareExtensions { get; }

        public INamedTypeSymbol? UseExtensions { get; }

        public INamedTypeSymbol? RunExtensions { get; }

        public INamedTypeSymbol? UseWhenExtensions { get; }

        public INamedTypeSymbol? MapWhenExtensions { get; }

        public INamedTypeSymbol? MapExtensions { get; }

        public INamedTypeSymbol? HttpContext { get; }

        public INamedTypeSymbol? Middleware { get; }

        public INamedTypeSymbol? HttpMethods { get; }

        public INamedTypeSymbol? RequestDelegate { get; }

        public INamedTypeSymbol? AuthenticationHttpContextExtensions { get; }

        /// <summary>Resolves the symbols, or returns null when ASP.NET Core's <c>IApplicationBuilder</c> is not referenced.</summary>
        public static PipelineSymbols? TryCreate(Compilation compilation)
        {
            var builder = Get(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
            return builder is null ? null : new PipelineSymbols(compilation, builder);
        }

        /// <summary>True when <paramref name="type"/> is <c>IApplicationBuilder</c> or implements it (<c>WebApplication</c>).</summary>
        /// <remarks>
        /// Asked for the receiver and argument types of calls, so values and special types are rejected at once, and the
        /// two builders are compared by definition (an expression's type can be a new object at each use: nullable
        /// annotations, constructed types) before the type's interfaces are read.
        /// </remarks>
        public bool IsApplicationBuilder(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is not (TypeKind.Class or TypeKind.Interface or TypeKind.TypeParameter))
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            return ReferenceEquals(definition, ApplicationBuilder)
                || ReferenceEquals(definition, WebApplication)
                || Interfaces.Implements(definition, ApplicationBuilder);
        }

        public static bool Is(ISymbol? symbol, INamedTypeSymbol? type) =>
            type is not null && symbol is not null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, type);

        private static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var type = KnownTypes.Get(compilation, metadataName);
            return type is null || type.TypeKind == TypeKind.Error ? null : type;
        }
    }
}
