using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AuthStatus.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AuthStatus.Analyzers.CodeFixes
{
    /// <summary>
    /// AUTH005: replaces the exception data in a 401/403 body with a short constant message and, when an <c>ILogger</c> is in
    /// scope (field, property, parameter, primary constructor parameter, local), logs the exception with <c>LogWarning</c> first.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Auth005ConstantMessageCodeFix)), Shared]
    public sealed class Auth005ConstantMessageCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "AUTH005_ConstantMessage";

        internal const string UnauthorizedMessage = "Authentication failed.";
        internal const string ForbiddenMessage = "Access denied.";

        private const string LoggingNamespace = "Microsoft.Extensions.Logging";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.InternalDetailInAuthResponse);

        /// <summary>Fix All edits each document once, so that one statement gets one log call however many details it had.</summary>
        public override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create((context, document, diagnostics) => ApplyAsync(document, diagnostics, context.CancellationToken)!);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = Plan(root, model, diagnostic, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                var title = plan.Value.Log is null
                    ? "Replace the detail with a constant message"
                    : "Replace the detail with a constant message and log the exception";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var replaced = new HashSet<SyntaxNode>();
            var logged = new HashSet<(StatementSyntax, string)>();
            var needsUsing = false;
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Plan(root, model, diagnostic, cancellationToken) is not { } plan || !replaced.Add(plan.Target))
                {
                    continue;
                }

                editor.ReplaceNode(plan.Target, plan.Replacement);
                if (plan.Log is { } log && logged.Add((log.Before, log.Statement.ToString())))
                {
                    editor.InsertBefore(log.Before, log.Statement);
                    needsUsing |= log.NeedsUsing;
                }
            }

            var newRoot = editor.GetChangedRoot();
            if (needsUsing && newRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == LoggingNamespace))
            {
                newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(LoggingNamespace)).WithAdditionalAnnotations(Formatter.Annotation));
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private readonly struct LogPlan
        {
            public LogPlan(StatementSyntax before, StatementSyntax statement, bool needsUsing)
            {
                Before = before;
                Statement = statement;
                NeedsUsing = needsUsing;
            }

            public StatementSyntax Before { get; }

            public StatementSyntax Statement { get; }

            public bool NeedsUsing { get; }
        }

        private readonly struct FixPlan
        {
            public FixPlan(SyntaxNode target, SyntaxNode replacement, LogPlan? log)
            {
                Target = target;
                Replacement = replacement;
                Log = log;
            }

            public SyntaxNode Target { get; }

            public SyntaxNode Replacement { get; }

            public LogPlan? Log { get; }
        }

        private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax detail)
            {
                return null;
            }

            var exceptionType = model.Compilation.GetTypeByMetadataName("System.Exception");
            if (exceptionType is null)
            {
                return null;
            }

            var message = diagnostic.Properties.TryGetValue(Auth005InternalDetailInAuthResponseAnalyzer.StatusProperty, out var status) && status == "403"
                ? ForbiddenMessage
                : UnauthorizedMessage;
            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(message));

            SyntaxNode target = detail;
            SyntaxNode replacement = literal.WithTriviaFrom(detail);
            if (detail.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: null } declarator)
            {
                // new { ex.Message } names the member after the expression: keep the name.
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is not { } member)
                {
                    return null;
                }

                target = declarator;
                replacement = SyntaxFactory.AnonymousObjectMemberDeclarator(
                    SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(member.Name)),
                    literal).WithTriviaFrom(declarator);
            }
            else if (detail.Parent is not AnonymousObjectMemberDeclaratorSyntax)
            {
                var converted = model.GetTypeInfo(detail, cancellationToken).ConvertedType;
                if (converted is null || (converted.SpecialType != SpecialType.System_String && converted.SpecialType != SpecialType.System_Object))
                {
                    return null;
                }
            }

            return new FixPlan(target, replacement, PlanLog(model, detail, exceptionType, message, cancellationToken));
        }

        private static LogPlan? PlanLog(SemanticModel model, ExpressionSyntax detail, INamedTypeSymbol exceptionType, string message, CancellationToken cancellationToken)
        {
            var logger = model.Compilation.GetTypeByMetadataName(LoggingNamespace + ".ILogger");
            var statement = detail.FirstAncestorOrSelf<StatementSyntax>();
            if (logger is null || statement is null || statement.Parent is not (BlockSyntax or SwitchSectionSyntax))
            {
                return null;
            }

            // The exception must be in scope where the log call goes: no lambda between the detail and the statement.
            for (var node = detail.Parent; node is not null && node != statement; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return null;
                }
            }

            var exception = FindException(model, detail, exceptionType, cancellationToken);
            if (exception is null
                && model.GetSymbolInfo(detail, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial })
            {
                // var message = ex.Message; ... Unauthorized(message): log the exception the local was built from.
                exception = FindException(model, initial, exceptionType, cancellationToken);
                if (exception is not null && model.LookupSymbols(statement.SpanStart).All(s => s.Name != exception.ToString().Split('.')[0]))
                {
                    exception = null;
                }
            }
            if (exception is null || !IsRepeatable(exception))
            {
                return null;
            }

            var position = statement.SpanStart;
            var loggerName = FindLogger(model, position, logger, cancellationToken);
            if (loggerName is null || AlreadyLogs(model, statement, exception, logger, cancellationToken))
            {
                return null;
            }

            var call = SyntaxFactory.ParseExpression($"{loggerName}.LogWarning({exception.WithoutTrivia()}, \"{message}\")");
            var bound = model.GetSpeculativeSymbolInfo(position, call, SpeculativeBindingOption.BindAsExpression);
            var needsUsing = bound.Symbol is null;
            var log = SyntaxFactory.ExpressionStatement(call)
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } eol ? eol : SyntaxFactory.ElasticCarriageReturnLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return new LogPlan(statement, log, needsUsing);
        }

        /// <summary>The innermost exception-typed expression of the detail: <c>ex</c> in <c>ex.InnerException.Message</c>, <c>context.Exception</c>.</summary>
        private static ExpressionSyntax? FindException(SemanticModel model, ExpressionSyntax detail, INamedTypeSymbol exceptionType, CancellationToken cancellationToken)
        {
            ExpressionSyntax? found = null;
            foreach (var node in detail.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
            {
                if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
                {
                    continue;
                }

                if (node is SimpleNameSyntax && node.Parent is MemberBindingExpressionSyntax)
                {
                    continue;
                }

                if (IsException(model.GetTypeInfo(node, cancellationToken).Type, exceptionType))
                {
                    found = node;
                }
                else if (found is not null && !found.Span.Contains(node.Span))
                {
                    break;
                }
            }

            return found;
        }

        private static bool IsException(ITypeSymbol? type, INamedTypeSymbol exceptionType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, exceptionType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRepeatable(ExpressionSyntax syntax) => syntax switch
        {
            IdentifierNameSyntax => true,
            MemberAccessExpressionSyntax member => IsRepeatable(member.Expression),
            ThisExpressionSyntax => true,
            _ => false,
        };

        /// <summary>An <c>ILogger</c> local, parameter (primary constructor ones included), field or property visible at the position.</summary>
        private static string? FindLogger(SemanticModel model, int position, INamedTypeSymbol logger, CancellationToken cancellationToken)
        {
            var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
            while (enclosing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } function && !function.IsStatic)
            {
                enclosing = enclosing.ContainingSymbol;
            }

            var isStatic = enclosing?.IsStatic ?? true;
            string? best = null;
            var bestRank = int.MaxValue;
            foreach (var symbol in model.LookupSymbols(position))
            {
                ITypeSymbol? type;
                int rank;
                switch (symbol)
                {
                    case ILocalSymbol local when local.DeclaringSyntaxReferences.All(r => r.Span.Start < position):
                        type = local.Type;
                        rank = 0;
                        break;
                    case IParameterSymbol parameter:
                        type = parameter.Type;
                        rank = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } && isStatic ? int.MaxValue : 1;
                        break;
                    case IFieldSymbol field when !isStatic || field.IsStatic:
                        type = field.Type;
                        rank = 2;
                        break;
                    case IPropertySymbol property when (!isStatic || property.IsStatic) && !property.IsIndexer:
                        type = property.Type;
                        rank = 3;
                        break;
                    default:
                        continue;
                }

                if (rank >= bestRank || !IsLogger(type, logger))
                {
                    continue;
                }

                best = symbol.Name;
                bestRank = rank;
            }

            return best is null ? null : SyntaxFacts.GetKeywordKind(best) != SyntaxKind.None ? "@" + best : best;
        }

        private static bool IsLogger(ITypeSymbol type, INamedTypeSymbol logger)
        {
            return SymbolEqualityComparer.Default.Equals(type, logger)
                || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, logger));
        }

        /// <summary>True when the function already passes the exception to a logger: the fix then only replaces the detail.</summary>
        private static bool AlreadyLogs(SemanticModel model, StatementSyntax statement, ExpressionSyntax exception, INamedTypeSymbol logger, CancellationToken cancellationToken)
        {
            var body = statement.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                ?? statement.Parent;
            if (body is null)
            {
                return false;
            }

            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax access
                    || !access.Name.Identifier.ValueText.StartsWith("Log", System.StringComparison.Ordinal)
                    || !invocation.ArgumentList.Arguments.Any(a => a.Expression.IsEquivalentTo(exception, topLevel: false)))
                {
                    continue;
                }

                if (model.GetTypeInfo(access.Expression, cancellationToken).Type is { } receiver && IsLogger(receiver, logger))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
