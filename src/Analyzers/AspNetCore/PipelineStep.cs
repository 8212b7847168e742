using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.AspNetCore
{
    /// <summary>What a registration on the request pipeline adds.</summary>
    internal enum PipelineStepKind
    {
        /// <summary><c>UseRouting()</c>.</summary>
        Routing,

        /// <summary><c>UseCors(...)</c>.</summary>
        Cors,

        /// <summary><c>UseAuthentication()</c>.</summary>
        Authentication,

        /// <summary><c>UseAuthorization()</c>.</summary>
        Authorization,

        /// <summary><c>UseEndpoints(...)</c>.</summary>
        Endpoints,

        /// <summary><c>UseMiddleware&lt;T&gt;()</c> / <c>UseMiddleware(typeof(T))</c>.</summary>
        Middleware,

        /// <summary><c>app.Use(lambda)</c> / <c>app.Run(lambda)</c>.</summary>
        InlineMiddleware,

        /// <summary><c>UseWhen</c> (rejoins), <c>MapWhen</c> and <c>Map(path, ...)</c> (do not rejoin): a branch pipeline.</summary>
        Branch,

        /// <summary>A framework or library registration that is known not to add authentication (<c>UseStaticFiles</c>, <c>MapGet</c>).</summary>
        Other,

        /// <summary>A call the model cannot see into that may register authentication (an unseen method given the builder).</summary>
        Unknown,
    }

    /// <summary>One registration of a pipeline, in execution order.</summary>
    internal sealed class PipelineStep
    {
        public PipelineStep(
            PipelineStepKind kind,
            IInvocationOperation invocation,
            IInvocationOperation origin,
            bool conditional,
            ImmutableArray<BranchPoint> path)
        {
            Kind = kind;
            Invocation = invocation;
            Origin = origin;
            Conditional = conditional;
            Path = path;
        }

        public PipelineStepKind Kind { get; }

        /// <summary>The call as written in the analysed body: the report location and the statement a fix moves.</summary>
        public IInvocationOperation Invocation { get; }

        /// <summary>The call that registers the middleware; differs from <see cref="Invocation"/> when it is inside a followed method.</summary>
        public IInvocationOperation Origin { get; }

        /// <summary>True when the registration may be skipped (inside <c>if</c>, <c>switch</c>, a loop, <c>?.</c>).</summary>
        public bool Conditional { get; }

        /// <summary>The branches (if/else arms, switch sections) the call sits in: two steps in different arms of the same branch never both run.</summary>
        public ImmutableArray<BranchPoint> Path { get; }

        /// <summary>For <see cref="PipelineStepKind.Middleware"/>: the middleware class.</summary>
        public ITypeSymbol? MiddlewareType { get; set; }

        /// <summary>For <see cref="PipelineStepKind.InlineMiddleware"/>: the lambda.</summary>
        public IAnonymousFunctionOperation? Lambda { get; set; }

        /// <summary>For <see cref="PipelineStepKind.Branch"/>: the branch's own registrations.</summary>
        public IReadOnlyList<PipelineStep> BranchSteps { get; set; } = System.Array.Empty<PipelineStep>();

        /// <summary>The receiver of <see cref="Invocation"/> without conversions (<c>app</c>), when there is one.</summary>
        public IOperation? Receiver { get; set; }

        public override string ToString() => Kind + " " + Invocation.Syntax;
    }

    /// <summary>One arm of a branching operation (an <c>if</c>, a <c>switch</c>) that a step sits in.</summary>
    internal readonly struct BranchPoint
    {
        public BranchPoint(IOperation owner, IOperation arm, int index)
        {
            Owner = owner;
            Arm = arm;
            Index = index;
        }

        /// <summary>The conditional or switch.</summary>
        public IOperation Owner { get; }

        /// <summary>The arm (then-branch, else-branch, switch section) that contains the step.</summary>
        public IOperation Arm { get; }

        public int Index { get; }
    }
}
