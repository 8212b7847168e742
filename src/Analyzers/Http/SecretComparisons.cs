using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>The shape of a non-constant-time comparison (AUTH006), as the code fix needs it.</summary>
    internal enum ComparisonShape
    {
        /// <summary><c>a == b</c>, <c>a.Equals(b)</c>, <c>string.Equals(a, b, ...)</c>.</summary>
        Equality,

        /// <summary><c>a != b</c>.</summary>
        Inequality,

        /// <summary><c>string.Compare(a, b)</c>, <c>CompareOrdinal</c>, <c>a.CompareTo(b)</c>.</summary>
        Compare,

        /// <summary><c>a.SequenceEqual(b)</c> over bytes or chars.</summary>
        SequenceEqual,

        /// <summary><c>a.StartsWith(secret)</c>, <c>EndsWith</c>.</summary>
        Prefix,

        /// <summary>A hand-written loop that exits at the first differing element.</summary>
        Loop,
    }

    /// <summary>One comparison of two values.</summary>
    internal readonly struct Comparison
    {
        public Comparison(IOperation operation, IOperation left, IOperation right, ComparisonShape shape)
        {
            Operation = operation;
            Left = left;
            Right = right;
            Shape = shape;
        }

        /// <summary>The binary operation or invocation.</summary>
        public IOperation Operation { get; }

        public IOperation Left { get; }

        public IOperation Right { get; }

        public ComparisonShape Shape { get; }
    }

    /// <summary>Recognises the comparisons AUTH006 looks at, filtering by operand type before any name analysis.</summary>
    internal sealed class SecretComparisons
    {
        private readonly INamedTypeSymbol? _stringValues;
        private readonly INamedTypeSymbol? _memoryExtensions;
        private readonly INamedTypeSymbol? _enumerable;
        private readonly INamedTypeSymbol? _stringComparison;

        public SecretComparisons(Compilation compilation)
        {
            _stringValues = KnownTypes.Get(compilation, "Microsoft.Extensions.Primitives.StringValues");
            _memoryExtensions = KnownTypes.Get(compilation, "System.MemoryExtensions");
            _enumerable = KnownTypes.Get(compilation, "System.Linq.Enumerable");
            _stringComparison = KnownTypes.Get(compilation, "System.StringComparison");
        }

        /// <summary><c>a == b</c> / <c>a != b</c> on strings or <c>StringValues</c>, neither operand trivial.</summary>
        public bool TryGetComparison(IBinaryOperation binary, out Comparison comparison)
        {
            comparison = default;
            var kind = binary.OperatorKind;
            if (kind != BinaryOperatorKind.Equals && kind != BinaryOperatorKind.NotEquals)
            {
                return false;
            }

            if (!IsTextType(binary.LeftOperand.Type) || !IsTextType(binary.RightOperand.Type))
            {
                return false;
            }

            if (IsTrivial(binary.LeftOperand) || IsTrivial(binary.RightOperand))
            {
                return false;
            }

            comparison = new Comparison(
                binary,
                binary.LeftOperand,
                binary.RightOperand,
                kind == BinaryOperatorKind.Equals ? ComparisonShape.Equality : ComparisonShape.Inequality);
            return true;
        }

        /// <summary>The methods <see cref="TryGetComparison(IInvocationOperation, out Comparison)"/> recognises.</summary>
        public static readonly string[] ComparisonMethodNames = { "Equals", "Compare", "CompareOrdinal", "CompareTo", "SequenceEqual", "StartsWith", "EndsWith" };

        /// <summary><c>Equals</c>, <c>Compare</c>, <c>CompareOrdinal</c>, <c>CompareTo</c>, <c>SequenceEqual</c>, <c>StartsWith</c>, <c>EndsWith</c>.</summary>
        public bool TryGetComparison(IInvocationOperation invocation, out Comparison comparison)
        {
            return TryGetCandidate(invocation, out comparison) && ComparesContents(comparison);
        }

        /// <summary>
        /// The first half of <see cref="TryGetComparison(IInvocationOperation, out Comparison)"/>, which reads no operand's
        /// type: a comparison method of a comparing type, and its two operands, neither a constant. AUTH006 asks whether an
        /// operand is a secret next (most calls end there) and <see cref="ComparesContents"/> last.
        /// </summary>
        public bool TryGetCandidate(IInvocationOperation invocation, out Comparison candidate)
        {
            candidate = default;
            var method = invocation.TargetMethod;
            ComparisonShape shape;
            switch (method.Name)
            {
                case "Equals":
                    shape = ComparisonShape.Equality;
                    break;
                case "Compare":
                case "CompareOrdinal":
                case "CompareTo":
                    shape = ComparisonShape.Compare;
                    break;
                case "SequenceEqual":
                    shape = ComparisonShape.SequenceEqual;
                    break;
                case "StartsWith":
                case "EndsWith":
                    shape = ComparisonShape.Prefix;
                    break;
                default:
                    return false;
            }

            if (!IsComparisonType(method.ContainingType))
            {
                return false;
            }

            IOperation left;
            IOperation right;
            if (invocation.Instance is { } instance && !method.IsStatic)
            {
                if (invocation.Arguments.Length < 1)
                {
                    return false;
                }

                left = instance;
                right = invocation.Arguments[0].Value;
            }
            else
            {
                if (invocation.Arguments.Length < 2)
                {
                    return false;
                }

                left = invocation.Arguments[0].Value;
                right = invocation.Arguments[1].Value;
            }

            // A constant is never a secret (IsTrivial): StartsWith("Bearer "), Equals(role, "admin") are dropped before the
            // operands' types are read.
            if (left.ConstantValue.HasValue || right.ConstantValue.HasValue)
            {
                return false;
            }

            candidate = new Comparison(invocation, left, right, shape);
            return true;
        }

        /// <summary>
        /// The second half of <see cref="TryGetComparison(IInvocationOperation, out Comparison)"/>: both operands are text or
        /// sequences of bytes or chars (only text for <c>object.Equals</c>, which compares arrays by reference), neither trivial.
        /// </summary>
        public bool ComparesContents(Comparison candidate)
        {
            var left = candidate.Left;
            var right = candidate.Right;
            if (!IsComparedType(Secrets.Unwrap(left).Type) || !IsComparedType(Secrets.Unwrap(right).Type))
            {
                return false;
            }

            // object.Equals on arrays or spans compares references, not contents: no timing channel.
            if (candidate.Operation is IInvocationOperation { TargetMethod.ContainingType.SpecialType: SpecialType.System_Object }
                && (!IsTextType(Secrets.Unwrap(left).Type) || !IsTextType(Secrets.Unwrap(right).Type)))
            {
                return false;
            }

            return !IsTrivial(left) && !IsTrivial(right);
        }

        /// <summary>
        /// Two values the client sent: <c>model.Password != model.ConfirmPassword</c>, <c>NewPassword == OldPassword</c> of one
        /// form, or a confirmation field. The timing of such a comparison tells the client nothing it does not know.
        /// </summary>
        public static bool IsUserInputPair(IOperation left, IOperation right)
        {
            left = Secrets.Unwrap(left);
            right = Secrets.Unwrap(right);
            if (IsConfirmation(left) || IsConfirmation(right))
            {
                return true;
            }

            return left is IMemberReferenceOperation { Instance: { } leftOwner, Member.IsStatic: false }
                && right is IMemberReferenceOperation { Instance: { } rightOwner, Member.IsStatic: false }
                && leftOwner is not IInstanceReferenceOperation
                && SameSymbol(Secrets.Unwrap(leftOwner), Secrets.Unwrap(rightOwner));
        }

        private static bool IsConfirmation(IOperation operand)
        {
            var name = operand switch
            {
                IMemberReferenceOperation member => member.Member.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                _ => null,
            };

            if (name is null)
            {
                return false;
            }

            foreach (var word in Configuration.NameWords.Split(name))
            {
                if (word == "confirm" || word == "confirmation" || word == "confirmed" || word == "repeat" || word == "repeated" || word == "retype" || word == "retyped")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameSymbol(IOperation left, IOperation right)
        {
            ISymbol? Symbol(IOperation operation) => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation => property.Property,
                _ => null,
            };

            var leftSymbol = Symbol(left);
            return leftSymbol is not null && SymbolEqualityComparer.Default.Equals(leftSymbol, Symbol(right));
        }

        /// <summary>True for code inside a lambda converted to an expression tree (<c>IQueryable</c>, EF Core): it runs as SQL, not as .NET code.</summary>
        public static bool IsInExpressionTree(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    var parent = lambda.Parent;
                    if (parent is IDelegateCreationOperation)
                    {
                        continue;
                    }

                    if (parent is IConversionOperation conversion && conversion.Type is { TypeKind: not TypeKind.Delegate })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// An element comparison (<c>a[i] != b[i]</c>) over a secret that ends its innermost loop early: in the loop
        /// condition (<c>i &lt; n &amp;&amp; a[i] == b[i]</c>) or in an <c>if</c> that returns or breaks. Returns the secret operand.
        /// </summary>
        public static IOperation? EarlyExitElementComparison(IBinaryOperation binary, Secrets secrets)
        {
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                return null;
            }

            var left = ElementReceiver(binary.LeftOperand);
            var right = left is null ? null : ElementReceiver(binary.RightOperand);
            if (left is null || right is null)
            {
                return null;
            }

            ILoopOperation? loop = null;
            for (var current = binary.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation found)
                {
                    loop = found;
                    break;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }
            }

            if (loop is null)
            {
                return null;
            }

            var condition = loop switch
            {
                IForLoopOperation forLoop => forLoop.Condition,
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                _ => null,
            };

            var exitsEarly = (condition is not null && IsWithin(binary, condition)) || IfExits(binary, loop);
            if (!exitsEarly)
            {
                return null;
            }

            return secrets.IsSecret(left) ? left : secrets.IsSecret(right) ? right : null;
        }

        /// <summary>Cheap test: <c>x[i] == y[i]</c> on bytes or chars.</summary>
        public static bool IsElementComparison(IBinaryOperation binary)
        {
            return binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
                && ElementReceiver(binary.LeftOperand) is not null;
        }

        /// <summary>The array, string or span indexed by <c>x[i]</c>, or null.</summary>
        private static IOperation? ElementReceiver(IOperation operand)
        {
            operand = Secrets.Unwrap(operand);
            return operand switch
            {
                IArrayElementReferenceOperation element => element.ArrayReference,
                IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                    when indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32
                        && indexer.Type?.SpecialType is SpecialType.System_Char or SpecialType.System_Byte => indexer.Instance,
                _ => null,
            };
        }

        private static bool IfExits(IOperation comparison, ILoopOperation loop)
        {
            for (var current = comparison.Parent; current is not null && !ReferenceEquals(current, loop); current = current.Parent)
            {
                if (current is IConditionalOperation branch && IsWithin(comparison, branch.Condition))
                {
                    foreach (var exit in branch.WhenTrue.DescendantsAndSelf())
                    {
                        if (exit is IReturnOperation || exit is IBranchOperation { BranchKind: BranchKind.Break })
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            return false;
        }

        private static bool IsWithin(IOperation operation, IOperation container)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (ReferenceEquals(current, container))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsComparisonType(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            return type.SpecialType == SpecialType.System_String
                || type.SpecialType == SpecialType.System_Object
                || SymbolEqualityComparer.Default.Equals(type, _memoryExtensions)
                || SymbolEqualityComparer.Default.Equals(type, _enumerable)
                || SymbolEqualityComparer.Default.Equals(type, _stringValues);
        }

        /// <summary><c>string</c> or <c>StringValues</c>: the types whose <c>==</c> compares contents.</summary>
        private bool IsTextType(ITypeSymbol? type)
        {
            return type is not null
                && (type.SpecialType == SpecialType.System_String || SymbolEqualityComparer.Default.Equals(type, _stringValues));
        }

        /// <summary>Text, or a sequence of bytes or chars (arrays, spans, memories, <c>IEnumerable&lt;byte&gt;</c>).</summary>
        private bool IsComparedType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (IsTextType(type))
            {
                return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return IsByteOrChar(array.ElementType);
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && IsByteOrChar(named.TypeArguments[0]))
            {
                switch (named.Name)
                {
                    case "Span":
                    case "ReadOnlySpan":
                    case "Memory":
                    case "ReadOnlyMemory":
                    case "IEnumerable":
                    case "List":
                        return true;
                }
            }

            return false;
        }

        private static bool IsByteOrChar(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Byte || type.SpecialType == SpecialType.System_Char;

        /// <summary>
        /// <c>null</c>, <c>""</c>, <c>string.Empty</c>, <c>default</c>, <c>StringValues.Empty</c>, <c>Array.Empty&lt;byte&gt;()</c>,
        /// and any constant: a constant is not a secret of the running system (hard-coded credentials are another rule's business).
        /// </summary>
        private bool IsTrivial(IOperation operand)
        {
            operand = Secrets.Unwrap(operand);
            if (operand.ConstantValue.HasValue)
            {
                return true;
            }

            switch (operand)
            {
                case IDefaultValueOperation:
                    return true;
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Empty" } }:
                    return true;
                case IInvocationOperation { TargetMethod: { Name: "Empty", IsStatic: true } }:
                    return true;
                case IFieldReferenceOperation { Field.IsConst: true }:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when the comparison is exact: an operator, or a call without a <c>StringComparison</c> argument (or with
        /// <c>Ordinal</c>) and without a culture, case or comparer option. Only the code fix asks (it keeps the meaning).
        /// </summary>
        public bool IsOrdinal(Comparison comparison)
        {
            if (comparison.Operation is not IInvocationOperation invocation)
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Value.Type;
                if (type is null)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(type, _stringComparison))
                {
                    return argument.Value.ConstantValue is { HasValue: true, Value: int value } && value == 4; // StringComparison.Ordinal
                }

                if (type.SpecialType == SpecialType.System_Boolean || type.Name == "CultureInfo" || type.Name.EndsWith("Comparer", StringComparison.Ordinal) || type.Name.StartsWith("IEqualityComparer", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
