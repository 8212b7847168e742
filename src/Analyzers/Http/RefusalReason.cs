using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>Why a request is refused at a 401/403 producer.</summary>
    internal enum RefusalKind
    {
        /// <summary>Nothing about who the caller is or what it may do (business state, feature flags), or nothing recognised.</summary>
        Neither,

        /// <summary>The caller is unknown or its credential is missing or bad: 401 is right.</summary>
        Identity,

        /// <summary>A known caller lacks a role, scope, claim, policy or ownership: 403 is right.</summary>
        Permission,

        /// <summary>A restriction for which 403 is right whatever the credential: banned IP, locked or disabled account,
        /// remote access refused by configuration, client certificates. Vetoes both rules.</summary>
        Restriction,

        /// <summary>Identity and permission failures lead to the same producer (<c>user == null || !user.IsAdmin</c>).</summary>
        Mixed,
    }

    /// <summary>The result of <see cref="RefusalReason.Analyze"/>.</summary>
    internal readonly struct RefusalAnalysis
    {
        public RefusalAnalysis(RefusalKind kind, bool isScopeCheck, string? scope)
        {
            Kind = kind;
            IsScopeCheck = isScopeCheck;
            Scope = scope;
        }

        public RefusalKind Kind { get; }

        /// <summary>True when a failed permission check is about an OAuth scope (<c>scope</c>/<c>scp</c> claims, scope lists).</summary>
        public bool IsScopeCheck { get; }

        /// <summary>The scope the check requires, when it is a constant.</summary>
        public string? Scope { get; }
    }

    /// <summary>
    /// The shared "refusal reason" component of AUTH002/AUTH003/AUTH009: walks from a status producer to the conditions
    /// that guard it in the same function (if/else branches, early returns, switch sections and arms, ternaries, patterns,
    /// catch clauses and their filters, exception-to-status maps, and the function's own role such as
    /// <c>HandleForbiddenAsync</c>) and classifies each guard, by symbol first and by name where no symbol decides.
    /// Guards are combined: a restriction anywhere vetoes; identity and permission together are <see cref="RefusalKind.Mixed"/>.
    /// </summary>
    internal sealed class RefusalReason
    {
        private const int MaxTraceDepth = 3;

        private static readonly ConditionalWeakTable<Compilation, RefusalSymbols> SymbolCache = new ConditionalWeakTable<Compilation, RefusalSymbols>();

        private readonly RefusalSymbols _symbols;
        private readonly RefusalVocabulary _names;
        private bool _isScopeCheck;
        private string? _scope;
        private int _depth;

        private RefusalReason(RefusalSymbols symbols, RefusalVocabulary names)
        {
            _symbols = symbols;
            _names = names;
        }

        /// <summary>Classifies the reason for the refusal at <paramref name="producer"/>. Never throws on broken code.</summary>
        /// <remarks>
        /// AUTH001 and AUTH002 ask about the same 401s, AUTH003 and AUTH009 about the same 403s: they ask through
        /// <see cref="StatusProducers.Reason"/>, which keeps the answer for the operation, so each producer's guards are read once.
        /// </remarks>
        /// <param name="member">The member whose body holds the producer (the operation context's containing symbol).</param>
        public static RefusalAnalysis Analyze(StatusProducer producer, ISymbol member, AspNetCoreSymbols symbols, AuthStatusOptions options, CancellationToken cancellationToken)
        {
            return Analyze(producer.ReportOn, member, symbols.Compilation, options.Refusal(OperationTrees.Of(producer.ReportOn)), cancellationToken);
        }

        /// <summary>Classifies the reason for the refusal at <paramref name="at"/> (the producer, or the arm/branch yielding the status) in the body of <paramref name="member"/>.</summary>
        internal static RefusalAnalysis Analyze(IOperation at, ISymbol member, Compilation compilation, RefusalVocabulary names, CancellationToken cancellationToken)
        {
            var symbols = SymbolCache.GetValue(compilation, c => new RefusalSymbols(c));
            var walker = new RefusalReason(symbols, names);
            var kind = walker.Walk(at, member, cancellationToken);
            return new RefusalAnalysis(kind, kind == RefusalKind.Permission && walker._isScopeCheck, kind == RefusalKind.Permission ? walker._scope : null);
        }

        /// <summary>Combines two reasons: a restriction vetoes, identity with permission is mixed, neither is absorbed.</summary>
        internal static RefusalKind Combine(RefusalKind a, RefusalKind b)
        {
            if (a == RefusalKind.Restriction || b == RefusalKind.Restriction)
            {
                return RefusalKind.Restriction;
            }

            if (a == RefusalKind.Mixed || b == RefusalKind.Mixed)
            {
                return RefusalKind.Mixed;
            }

            if (a == RefusalKind.Neither)
            {
                return b;
            }

            if (b == RefusalKind.Neither || a == b)
            {
                return a;
            }

            return RefusalKind.Mixed;
        }

        private RefusalKind Walk(IOperation start, ISymbol member, CancellationToken cancellationToken)
        {
            var result = RefusalKind.Neither;
            IOperation current = start;
            while (current.Parent is { } parent)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (parent)
                {
                    case IConditionalOperation conditional:
                        if (ReferenceEquals(current, conditional.WhenTrue))
                        {
                            result = Combine(result, Condition(conditional.Condition, refusedWhen: true));
                        }
                        else if (ReferenceEquals(current, conditional.WhenFalse))
                        {
                            result = Combine(result, Condition(conditional.Condition, refusedWhen: false));
                        }

                        break;
                    case ISwitchExpressionArmOperation arm when ReferenceEquals(current, arm.Value):
                        if (arm.Parent is ISwitchExpressionOperation switchExpression)
                        {
                            result = Combine(result, Pattern(switchExpression.Value, arm.Pattern, refusedWhenMatch: true));
                        }

                        if (arm.Guard is not null)
                        {
                            result = Combine(result, Condition(arm.Guard, refusedWhen: true));
                        }

                        break;
                    case ISwitchCaseOperation section when section.Parent is ISwitchOperation switchStatement:
                        result = Combine(result, Section(switchStatement.Value, section));
                        break;
                    case ICatchClauseOperation catchClause when ReferenceEquals(current, catchClause.Handler):
                        result = Combine(result, Exception(catchClause.ExceptionType));
                        if (catchClause.Filter is not null)
                        {
                            result = Combine(result, Condition(catchClause.Filter, refusedWhen: true));
                        }

                        break;
                    case IBlockOperation block:
                        result = Combine(result, EarlyExits(block, current));
                        break;
                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" } add }:
                        // new Dictionary<Type, int> { { typeof(ForbiddenException), 401 } }
                        foreach (var argument in add.Arguments)
                        {
                            if (HttpStatusResolver.Unwrap(argument.Value) is ITypeOfOperation typeOf)
                            {
                                result = Combine(result, Exception(typeOf.TypeOperand));
                            }
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } when ReferenceEquals(current, ((ISimpleAssignmentOperation)parent).Value):
                        // new Dictionary<Type, int> { [typeof(ForbiddenException)] = 401 }
                        foreach (var argument in indexer.Arguments)
                        {
                            if (HttpStatusResolver.Unwrap(argument.Value) is ITypeOfOperation typeOf)
                            {
                                result = Combine(result, Exception(typeOf.TypeOperand));
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation function:
                        return Combine(result, FunctionRole(function.Symbol, function));
                    case ILocalFunctionOperation localFunction:
                        return Combine(result, FunctionRole(localFunction.Symbol, null));
                }

                current = parent;
            }

            // The method body: its own role (HandleForbiddenAsync, HandleChallengeAsync).
            if (member is IMethodSymbol method)
            {
                result = Combine(result, FunctionRole(method, null));
            }

            return result;
        }

        /// <summary><c>if (c) return ...;</c> statements before <paramref name="statement"/> in a block: reaching it means c was false.</summary>
        private RefusalKind EarlyExits(IBlockOperation block, IOperation statement)
        {
            var result = RefusalKind.Neither;
            foreach (var previous in block.Operations)
            {
                if (ReferenceEquals(previous, statement))
                {
                    break;
                }

                if (previous is IConditionalOperation { WhenFalse: null } conditional && AlwaysExits(conditional.WhenTrue))
                {
                    result = Combine(result, Condition(conditional.Condition, refusedWhen: false));
                }
            }

            return result;
        }

        private static bool AlwaysExits(IOperation operation)
        {
            switch (operation)
            {
                case IReturnOperation:
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IBlockOperation block:
                    return block.Operations.Length > 0 && AlwaysExits(block.Operations[block.Operations.Length - 1]);
                default:
                    return false;
            }
        }

        private RefusalKind Section(IOperation switchValue, ISwitchCaseOperation section)
        {
            var result = RefusalKind.Neither;
            foreach (var clause in section.Clauses)
            {
                switch (clause)
                {
                    case IPatternCaseClauseOperation patternClause:
                        result = Combine(result, Pattern(switchValue, patternClause.Pattern, refusedWhenMatch: true));
                        if (patternClause.Guard is not null)
                        {
                            result = Combine(result, Condition(patternClause.Guard, refusedWhen: true));
                        }

                        break;
                    case ISingleValueCaseClauseOperation single:
                        result = Combine(result, ConstantMatch(switchValue, single.Value, refusedWhenMatch: true));
                        break;
                }
            }

            return result;
        }

        /// <summary>The role of the function around the producer: a forbid handler refuses a known caller, a challenge handler an unknown one.</summary>
        private RefusalKind FunctionRole(IMethodSymbol? method, IAnonymousFunctionOperation? lambda)
        {
            if (method is { IsOverride: true })
            {
                if (method.Name == "HandleForbiddenAsync")
                {
                    return IsCertificateType(method.ContainingType) ? RefusalKind.Restriction : RefusalKind.Permission;
                }

                if (method.Name == "HandleChallengeAsync")
                {
                    return IsCertificateType(method.ContainingType) ? RefusalKind.Restriction : RefusalKind.Identity;
                }
            }

            if (lambda is null)
            {
                return RefusalKind.Neither;
            }

            // options.Events.OnForbidden = context => ...; new JwtBearerEvents { OnChallenge = context => ... }
            IOperation? current = lambda.Parent;
            while (current is IConversionOperation or IDelegateCreationOperation)
            {
                current = current.Parent;
            }

            if (current is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation eventProperty })
            {
                var isCertificate = IsCertificateType(eventProperty.Property.ContainingType);
                switch (eventProperty.Property.Name)
                {
                    case "OnForbidden":
                    case "OnRedirectToAccessDenied":
                        return isCertificate ? RefusalKind.Restriction : RefusalKind.Permission;
                    case "OnChallenge":
                    case "OnRedirectToLogin":
                        return isCertificate ? RefusalKind.Restriction : RefusalKind.Identity;
                    case "OnAuthenticationFailed":
                        return isCertificate ? RefusalKind.Restriction : RefusalKind.Identity;
                }
            }

            return RefusalKind.Neither;
        }

        private static bool IsCertificateType(INamedTypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name.IndexOf("Certificate", StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        // ---------------------------------------------------------------------------------------------------------
        // Conditions: refusedWhen is the value of the condition for which the producer is reached.
        // ---------------------------------------------------------------------------------------------------------

        /// <summary>Classifies a boolean condition under which the request is refused.</summary>
        internal RefusalKind Condition(IOperation? condition, bool refusedWhen)
        {
            if (condition is null || _depth > 20)
            {
                return RefusalKind.Neither;
            }

            _depth++;
            try
            {
                return ConditionCore(HttpStatusResolver.Unwrap(condition), refusedWhen);
            }
            finally
            {
                _depth--;
            }
        }

        private RefusalKind ConditionCore(IOperation condition, bool refusedWhen)
        {
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Condition(not.Operand, !refusedWhen);
                case IBinaryOperation binary:
                    return Binary(binary, refusedWhen);
                case IIsPatternOperation isPattern:
                    return Pattern(isPattern.Value, isPattern.Pattern, refusedWhen);
                case IIsTypeOperation isType:
                    return refusedWhen != isType.IsNegated ? Exception(isType.TypeOperand) : RefusalKind.Neither;
                case IAwaitOperation awaited:
                    return Condition(awaited.Operation, refusedWhen);
                case IConditionalAccessOperation access:
                    return Condition(access.WhenNotNull, refusedWhen);
                case ICoalesceOperation coalesce:
                    return Condition(coalesce.Value, refusedWhen);
                case IInvocationOperation invocation:
                    return Invocation(invocation, refusedWhen);
                case IPropertyReferenceOperation property:
                    return Member(property.Property, property.Property.Name, refusedWhen);
                case IFieldReferenceOperation field:
                    return Member(field.Field, field.Field.Name, refusedWhen);
                case IParameterReferenceOperation parameter:
                    return BoolName(parameter.Parameter.Name, refusedWhen);
                case ILocalReferenceOperation local:
                    var byName = BoolName(local.Local.Name, refusedWhen);
                    if (byName != RefusalKind.Neither)
                    {
                        return byName;
                    }

                    return LocalCondition(local, refusedWhen);
                default:
                    return RefusalKind.Neither;
            }
        }

        private RefusalKind Binary(IBinaryOperation binary, bool refusedWhen)
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.ConditionalAnd:
                case BinaryOperatorKind.ConditionalOr:
                case BinaryOperatorKind.And:
                case BinaryOperatorKind.Or:
                    return Combine(Condition(binary.LeftOperand, refusedWhen), Condition(binary.RightOperand, refusedWhen));
                case BinaryOperatorKind.Equals:
                case BinaryOperatorKind.NotEquals:
                    var isEquals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    var left = HttpStatusResolver.Unwrap(binary.LeftOperand);
                    var right = HttpStatusResolver.Unwrap(binary.RightOperand);
                    if (right.ConstantValue is { HasValue: true, Value: bool rightBool })
                    {
                        return Condition(left, BoolOperand(isEquals, rightBool, refusedWhen));
                    }

                    if (left.ConstantValue is { HasValue: true, Value: bool leftBool })
                    {
                        return Condition(right, BoolOperand(isEquals, leftBool, refusedWhen));
                    }

                    if (IsNull(right))
                    {
                        return Presence(left, refusedWhenAbsent: refusedWhen == isEquals);
                    }

                    if (IsNull(left))
                    {
                        return Presence(right, refusedWhenAbsent: refusedWhen == isEquals);
                    }

                    return Comparison(left, right, refusedWhenMismatch: refusedWhen != isEquals);
                default:
                    return RefusalKind.Neither;
            }
        }

        /// <summary><c>x == c</c> (or <c>!=</c>) refused when <paramref name="refusedWhen"/>: the value of x for which it is refused.</summary>
        private static bool BoolOperand(bool isEquals, bool constant, bool refusedWhen)
        {
            // x == true refused when true -> x true; x != true refused when true -> x false (null counts as false).
            return isEquals == refusedWhen ? constant : !constant;
        }

        private static bool IsNull(IOperation operation)
        {
            return operation.ConstantValue is { HasValue: true, Value: null }
                || operation is IDefaultValueOperation { Type.IsReferenceType: true };
        }

        // ---------------------------------------------------------------------------------------------------------
        // The symbol table.
        // ---------------------------------------------------------------------------------------------------------

        private RefusalKind Member(ISymbol member, string name, bool refusedWhen)
        {
            var type = member.ContainingType;
            var s = _symbols;

            // IIdentity.IsAuthenticated
            if (name == "IsAuthenticated" && (s.IsA(type, s.IIdentity) || s.IsA(type, s.ClaimsIdentity)))
            {
                return refusedWhen ? RefusalKind.Neither : RefusalKind.Identity;
            }

            // One walk of the type for the result and connection types below, tested in this order.
            var match = s.FirstOf(type, s.MemberTypes);
            if (match == 0) // AuthenticateResult
            {
                switch (name)
                {
                    case "Succeeded":
                        return refusedWhen ? RefusalKind.Neither : RefusalKind.Identity;
                    case "None":
                        return refusedWhen ? RefusalKind.Identity : RefusalKind.Neither;
                    default:
                        return RefusalKind.Neither;
                }
            }

            if (match == 1) // AuthorizationResult
            {
                return name == "Succeeded" && !refusedWhen ? RefusalKind.Permission : RefusalKind.Neither;
            }

            if (match == 2) // PolicyAuthorizationResult
            {
                switch (name)
                {
                    case "Forbidden":
                        return refusedWhen ? RefusalKind.Permission : RefusalKind.Neither;
                    case "Challenged":
                        return refusedWhen ? RefusalKind.Identity : RefusalKind.Neither;
                    default:
                        return RefusalKind.Neither; // Succeeded false: challenged or forbidden
                }
            }

            if (match == 3) // SignInResult
            {
                switch (name)
                {
                    case "Succeeded":
                        return refusedWhen ? RefusalKind.Neither : RefusalKind.Identity;
                    case "IsLockedOut":
                    case "IsNotAllowed":
                        return RefusalKind.Restriction;
                    default:
                        return RefusalKind.Neither;
                }
            }

            if (match == 4 || name == "IsLoopback") // ConnectionInfo
            {
                return RefusalKind.Restriction;
            }

            return BoolName(name, refusedWhen);
        }

        private RefusalKind Invocation(IInvocationOperation invocation, bool refusedWhen)
        {
            var method = invocation.TargetMethod;
            var s = _symbols;
            var name = method.Name;
            var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

            switch (name)
            {
                case "IsInRole":
                case "IsInRoleAsync":
                    return refusedWhen ? RefusalKind.Neither : Scope(RefusalKind.Permission, null, isScope: false);
                case "HasClaim":
                    return refusedWhen ? RefusalKind.Neither : HasClaim(invocation);
                case "IsNullOrEmpty":
                case "IsNullOrWhiteSpace":
                    return invocation.Arguments.Length == 1 ? Presence(invocation.Arguments[0].Value, refusedWhenAbsent: refusedWhen) : RefusalKind.Neither;
                case "TryGetValue":
                case "ContainsKey":
                    if (receiver is not null && IsRequestCollection(receiver.Type) && invocation.Arguments.Length > 0)
                    {
                        var key = FirstNonReceiverArgument(invocation);
                        return key is not null && !refusedWhen ? ValueRefusal(HeaderValue(ConstantString(key)), absent: true) : RefusalKind.Neither;
                    }

                    break;
                case "Equals":
                case "FixedTimeEquals":
                case "SequenceEqual":
                    var operands = Operands(invocation);
                    if (operands.Count == 2)
                    {
                        return Comparison(operands[0], operands[1], refusedWhenMismatch: !refusedWhen);
                    }

                    break;
                case "Contains":
                case "Any":
                case "All":
                case "Exists":
                    var contains = Contains(invocation, receiver, refusedWhen);
                    if (contains != RefusalKind.Neither)
                    {
                        return contains;
                    }

                    break;
            }

            if (s.IsA(method.ReturnType, s.AuthorizationResult) || s.IsA(method.ReturnType, s.AuthenticateResult))
            {
                return RefusalKind.Neither; // the bool is read from a property of the result
            }

            // By the method's name: IsAdmin(), HasPermission(..), CanEdit(..), IsValidApiKey(..), IsSignedIn(User).
            var byName = BoolName(name, refusedWhen);
            if (byName != RefusalKind.Neither)
            {
                return byName;
            }

            var facts = _names.Facts(name);
            if ((facts & NameFacts.Negative) != 0 ? !refusedWhen : refusedWhen)
            {
                return RefusalKind.Neither;
            }

            // A validator given a credential: Validate(token), IsValid(apiKey), Verify(signature), Check(key).
            if ((facts & NameFacts.Validator) != 0)
            {
                foreach (var operand in Operands(invocation))
                {
                    var kind = ValueKind(operand);
                    if (kind.Kind == ValueClass.Credential)
                    {
                        return RefusalKind.Identity;
                    }

                    if (kind.Kind == ValueClass.Restriction)
                    {
                        return RefusalKind.Restriction;
                    }
                }
            }

            return RefusalKind.Neither;
        }

        private RefusalKind HasClaim(IInvocationOperation invocation)
        {
            var result = RefusalKind.Neither;
            string? claimType = null;
            string? claimValue = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value is IDelegateCreationOperation or IAnonymousFunctionOperation || argument.Value.Type?.TypeKind == TypeKind.Delegate)
                {
                    // HasClaim(c => c.Type == "scope" && c.Value == "orders.read")
                    var scan = ScanClaimLambda(argument.Value);
                    result = Combine(result, scan.Kind);
                    claimValue ??= scan.Value;
                    continue;
                }

                var text = ConstantString(argument.Value);
                if (argument.Parameter?.Name == "type")
                {
                    claimType = text;
                }
                else if (argument.Parameter?.Name == "value")
                {
                    claimValue = text;
                }
            }

            if (claimType is not null)
            {
                var kind = ClaimTypeKind(claimType);
                if (kind == ValueClass.Permission)
                {
                    return Scope(RefusalKind.Permission, claimValue, IsScopeClaim(claimType));
                }

                return kind == ValueClass.Restriction ? RefusalKind.Restriction : RefusalKind.Neither;
            }

            return result == RefusalKind.Permission ? Scope(result, claimValue, _scanFoundScope) : result;
        }

        private bool _scanFoundScope;

        private (RefusalKind Kind, string? Value) ScanClaimLambda(IOperation lambda)
        {
            var kind = RefusalKind.Neither;
            string? value = null;
            _scanFoundScope = false;
            foreach (var descendant in lambda.DescendantsAndSelf())
            {
                if (descendant.ConstantValue is { HasValue: true, Value: string text } && descendant is ILiteralOperation or IFieldReferenceOperation)
                {
                    var claimKind = ClaimTypeKind(text);
                    if (claimKind == ValueClass.Permission)
                    {
                        kind = RefusalKind.Permission;
                        _scanFoundScope |= IsScopeClaim(text);
                    }
                    else if (claimKind == ValueClass.None && !LooksLikeClaimType(text))
                    {
                        value ??= text;
                    }
                }
            }

            return (kind, value);
        }

        private RefusalKind Contains(IInvocationOperation invocation, IOperation? receiver, bool refusedWhen)
        {
            if (receiver is null)
            {
                return RefusalKind.Neither;
            }

            var collection = ValueKind(receiver);
            var item = FirstNonReceiverArgument(invocation);
            switch (collection.Kind)
            {
                case ValueClass.Restriction:
                    return RefusalKind.Restriction;
                case ValueClass.Permission:
                    if (refusedWhen && (_names.Facts(NameOf(receiver)) & NameFacts.Negative) == 0)
                    {
                        return RefusalKind.Neither;
                    }

                    return Scope(RefusalKind.Permission, item is null ? collection.Scope : ConstantString(item) ?? collection.Scope, collection.IsScope);
                case ValueClass.Claims when item is not null:
                    var scan = ScanClaimLambda(item);
                    return scan.Kind == RefusalKind.Permission && !refusedWhen ? Scope(RefusalKind.Permission, scan.Value, _scanFoundScope) : RefusalKind.Neither;
                case ValueClass.Credential when !refusedWhen:
                    return RefusalKind.Identity; // validKeys.Contains(apiKey)
            }

            if (item is not null && !refusedWhen)
            {
                var element = ValueKind(item);
                if (element.Kind == ValueClass.Credential)
                {
                    return RefusalKind.Identity;
                }

                if (element.Kind == ValueClass.Restriction)
                {
                    return RefusalKind.Restriction;
                }
            }

            return RefusalKind.Neither;
        }

        /// <summary>A value tested for null or emptiness: refused when it is absent (or, for failures, present).</summary>
        private RefusalKind Presence(IOperation value, bool refusedWhenAbsent)
        {
            value = HttpStatusResolver.Unwrap(value);

            // result.Failure != null: a failure that is present.
            if (value is IPropertyReferenceOperation { Property.Name: "Failure" } failure)
            {
                if (refusedWhenAbsent)
                {
                    return RefusalKind.Neither;
                }

                if (_symbols.IsA(failure.Property.ContainingType, _symbols.AuthenticateResult))
                {
                    return RefusalKind.Identity;
                }

                if (_symbols.IsA(failure.Property.ContainingType, _symbols.AuthorizationResult))
                {
                    return RefusalKind.Permission;
                }

                return RefusalKind.Neither;
            }

            var kind = ValueKind(value);
            if (kind.Kind == ValueClass.Restriction)
            {
                return RefusalKind.Restriction;
            }

            return refusedWhenAbsent ? ValueRefusal(kind, absent: true) : RefusalKind.Neither;
        }

        /// <summary>Two values compared: refused when they differ (a key that does not match, a role that is not the one needed).</summary>
        private RefusalKind Comparison(IOperation left, IOperation right, bool refusedWhenMismatch)
        {
            var leftKind = ValueKind(left);
            var rightKind = ValueKind(right);
            if (leftKind.Kind == ValueClass.Restriction || rightKind.Kind == ValueClass.Restriction)
            {
                return RefusalKind.Restriction;
            }

            if (!refusedWhenMismatch)
            {
                return RefusalKind.Neither;
            }

            if (leftKind.Kind == ValueClass.Credential || rightKind.Kind == ValueClass.Credential)
            {
                return RefusalKind.Identity;
            }

            if (leftKind.Kind == ValueClass.Permission || rightKind.Kind == ValueClass.Permission)
            {
                var permission = leftKind.Kind == ValueClass.Permission ? leftKind : rightKind;
                var other = leftKind.Kind == ValueClass.Permission ? right : left;
                return Scope(RefusalKind.Permission, ConstantString(other) ?? permission.Scope, permission.IsScope);
            }

            // The caller's id compared with a resource's owner: an ownership check.
            if (leftKind.Kind == ValueClass.Principal || rightKind.Kind == ValueClass.Principal)
            {
                var other = leftKind.Kind == ValueClass.Principal ? right : left;
                return other.ConstantValue.HasValue ? RefusalKind.Neither : RefusalKind.Permission;
            }

            return RefusalKind.Neither;
        }

        private RefusalKind ConstantMatch(IOperation value, IOperation constant, bool refusedWhenMatch)
        {
            constant = HttpStatusResolver.Unwrap(constant);
            if (IsNull(constant))
            {
                return Presence(value, refusedWhenAbsent: refusedWhenMatch);
            }

            if (constant.ConstantValue is { HasValue: true, Value: bool boolean })
            {
                return Condition(value, refusedWhenMatch ? boolean : !boolean);
            }

            // case AuthFailure.MissingToken: / Reason.Forbidden => ...
            if (constant is IFieldReferenceOperation field && refusedWhenMatch)
            {
                var byName = FailureName(field.Field.Name);
                if (byName != RefusalKind.Neither)
                {
                    return byName;
                }
            }

            return Comparison(value, constant, refusedWhenMismatch: !refusedWhenMatch);
        }

        private RefusalKind Pattern(IOperation value, IPatternOperation pattern, bool refusedWhenMatch)
        {
            switch (pattern)
            {
                case INegatedPatternOperation negated:
                    return Pattern(value, negated.Pattern, !refusedWhenMatch);
                case IBinaryPatternOperation binary:
                    return Combine(Pattern(value, binary.LeftPattern, refusedWhenMatch), Pattern(value, binary.RightPattern, refusedWhenMatch));
                case IConstantPatternOperation constant:
                    return ConstantMatch(value, constant.Value, refusedWhenMatch);
                case IRecursivePatternOperation recursive:
                    var result = TypeMatch(value, recursive.MatchedType, refusedWhenMatch);
                    foreach (var subpattern in recursive.PropertySubpatterns)
                    {
                        result = Combine(result, Pattern(subpattern.Member, subpattern.Pattern, refusedWhenMatch));
                    }

                    return result;
                case IDeclarationPatternOperation declaration:
                    return TypeMatch(value, declaration.MatchedType, refusedWhenMatch);
                case ITypePatternOperation type:
                    return TypeMatch(value, type.MatchedType, refusedWhenMatch);
                default:
                    return RefusalKind.Neither;
            }
        }

        private RefusalKind TypeMatch(IOperation value, ITypeSymbol? matchedType, bool refusedWhenMatch)
        {
            if (matchedType is null || !refusedWhenMatch || _symbols.Exception is null || !_symbols.IsA(matchedType, _symbols.Exception))
            {
                return RefusalKind.Neither;
            }

            // A pattern that only restates the static type (ex is Exception) says nothing.
            return SymbolEqualityComparer.Default.Equals(matchedType, value.Type) ? RefusalKind.Neither : Exception(matchedType);
        }

        /// <summary>The exception type a catch clause, a pattern or a map turns into the status.</summary>
        internal RefusalKind Exception(ITypeSymbol? type)
        {
            var s = _symbols;
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (current.TypeKind == TypeKind.Error)
                {
                    return RefusalKind.Neither;
                }

                if (SymbolEqualityComparer.Default.Equals(current, s.Exception))
                {
                    return RefusalKind.Neither;
                }

                if (current.Name == "SecurityTokenException" || current.Name == "AuthenticationFailureException"
                    || SymbolEqualityComparer.Default.Equals(current, s.AuthenticationException))
                {
                    return RefusalKind.Identity;
                }

                if (current.Name == "SecurityException" || SymbolEqualityComparer.Default.Equals(current, s.UnauthorizedAccessException))
                {
                    return RefusalKind.Permission;
                }

                var name = current.Name.EndsWith("Exception", StringComparison.Ordinal) ? current.Name.Substring(0, current.Name.Length - "Exception".Length) : current.Name;
                var kind = FailureName(name);
                if (kind != RefusalKind.Neither)
                {
                    return kind;
                }
            }

            return RefusalKind.Neither;
        }

        // ---------------------------------------------------------------------------------------------------------
        // Names.
        // ---------------------------------------------------------------------------------------------------------

        /// <summary>A boolean named <paramref name="name"/> that refuses when <paramref name="refusedWhen"/>.</summary>
        internal RefusalKind BoolName(string name, bool refusedWhen)
        {
            var facts = _names.Facts(name);
            var kind = NameKind(facts);
            if (kind is RefusalKind.Neither or RefusalKind.Restriction or RefusalKind.Mixed)
            {
                return kind;
            }

            // isAdmin refuses when false; isNotAdmin, invalidToken, accessDenied when true.
            var failsWhen = (facts & NameFacts.Negative) != 0;
            if (failsWhen != refusedWhen)
            {
                return RefusalKind.Neither;
            }

            return kind == RefusalKind.Permission ? Scope(kind, null, (facts & NameFacts.Scope) != 0) : kind;
        }

        /// <summary>A name that describes a failure (an exception type, an enum member): its class whatever the polarity.</summary>
        internal RefusalKind FailureName(string name)
        {
            var facts = _names.Facts(name);
            var kind = NameKind(facts);
            return kind == RefusalKind.Permission ? Scope(kind, null, (facts & NameFacts.Scope) != 0) : kind;
        }

        private static RefusalKind NameKind(NameFacts facts)
        {
            if ((facts & NameFacts.Restriction) != 0)
            {
                return RefusalKind.Restriction;
            }

            var isPermission = (facts & NameFacts.Permission) != 0;
            var isIdentity = (facts & (NameFacts.SignInState | NameFacts.Credential)) != 0;
            if (isPermission && isIdentity)
            {
                // RequiredScopeToken? Ambiguous: say nothing. But "access denied" with "token" reads as permission only if no credential word.
                return RefusalKind.Mixed;
            }

            if (isPermission)
            {
                return RefusalKind.Permission;
            }

            return isIdentity ? RefusalKind.Identity : RefusalKind.Neither;
        }

        // ---------------------------------------------------------------------------------------------------------
        // Values: what a compared or null-tested value denotes.
        // ---------------------------------------------------------------------------------------------------------

        internal enum ValueClass
        {
            None,
            Credential,
            Principal,
            Permission,
            Restriction,
            Claims,
        }

        internal readonly struct ValueInfo
        {
            public ValueInfo(ValueClass kind, bool isScope = false, string? scope = null)
            {
                Kind = kind;
                IsScope = isScope;
                Scope = scope;
            }

            public ValueClass Kind { get; }

            public bool IsScope { get; }

            public string? Scope { get; }
        }

        private RefusalKind ValueRefusal(ValueInfo value, bool absent)
        {
            switch (value.Kind)
            {
                case ValueClass.Credential:
                case ValueClass.Principal:
                    return absent ? RefusalKind.Identity : RefusalKind.Neither;
                case ValueClass.Permission:
                    return absent ? Scope(RefusalKind.Permission, value.Scope, value.IsScope) : RefusalKind.Neither;
                case ValueClass.Restriction:
                    return RefusalKind.Restriction;
                default:
                    return RefusalKind.Neither;
            }
        }

        private RefusalKind Scope(RefusalKind kind, string? scope, bool isScope)
        {
            if (isScope)
            {
                _isScopeCheck = true;
                _scope ??= scope;
            }

            return kind;
        }

        internal ValueInfo ValueKind(IOperation? value)
        {
            if (value is null || _depth > 20)
            {
                return default;
            }

            _depth++;
            try
            {
                return ValueKindCore(HttpStatusResolver.Unwrap(value));
            }
            finally
            {
                _depth--;
            }
        }

        private ValueInfo ValueKindCore(IOperation value)
        {
            var s = _symbols;
            switch (value)
            {
                case IConditionalAccessOperation access:
                    return ValueKind(access.WhenNotNull) is { Kind: not ValueClass.None } inner ? inner : ValueKind(access.Operation);
                case IConditionalAccessInstanceOperation instance:
                    return ValueKind(FindConditionalAccessReceiver(instance));
                case IAwaitOperation awaited:
                    return ValueKind(awaited.Operation);
                case ICoalesceOperation coalesce:
                    return ValueKind(coalesce.Value);
            }

            // One walk of the type for the five tests: ClaimsPrincipal, IPrincipal, IIdentity (the caller), then
            // X509Certificate, IPAddress (a restriction).
            var match = s.FirstOf(value.Type, s.ValueTypes);
            if (match >= 0)
            {
                return new ValueInfo(match < RefusalSymbols.FirstRestrictionValueType ? ValueClass.Principal : ValueClass.Restriction);
            }

            switch (value)
            {
                case IInvocationOperation invocation:
                    return InvocationValue(invocation);
                case IPropertyReferenceOperation property:
                    return PropertyValue(property);
                case IFieldReferenceOperation field:
                    return field.Field.IsConst ? default : NameValue(field.Field.Name);
                case IParameterReferenceOperation parameter:
                    return ParameterValue(parameter.Parameter);
                case ILocalReferenceOperation local:
                    var byName = NameValue(local.Local.Name);
                    if (byName.Kind != ValueClass.None)
                    {
                        return byName;
                    }

                    return LocalValue(local);
                case IArrayElementReferenceOperation element:
                    return ValueKind(element.ArrayReference);
                default:
                    return default;
            }
        }

        private static IOperation? FindConditionalAccessReceiver(IConditionalAccessInstanceOperation instance)
        {
            for (var current = instance.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation access)
                {
                    return access.Operation;
                }
            }

            return null;
        }

        private ValueInfo ParameterValue(IParameterSymbol parameter)
        {
            // [FromHeader(Name = "X-Api-Key")] string key
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "FromHeaderAttribute" or "FromQueryAttribute")
                {
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Name" && named.Value.Value is string headerName)
                        {
                            var byHeader = HeaderValue(headerName);
                            if (byHeader.Kind != ValueClass.None)
                            {
                                return byHeader;
                            }
                        }
                    }
                }
            }

            return NameValue(parameter.Name);
        }

        private ValueInfo InvocationValue(IInvocationOperation invocation)
        {
            var s = _symbols;
            var method = invocation.TargetMethod;
            var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            var receiverType = receiver?.Type;

            // User.FindFirst(ClaimTypes.NameIdentifier), User.FindFirstValue("scope"), User.FindAll("scp")
            if (receiver is not null && (s.IsA(receiverType, s.ClaimsPrincipal) || s.IsA(receiverType, s.ClaimsIdentity)))
            {
                var claimType = ConstantString(FirstNonReceiverArgument(invocation));
                if (claimType is not null)
                {
                    var kind = ClaimTypeKind(claimType);
                    return kind == ValueClass.None ? default : new ValueInfo(kind, IsScopeClaim(claimType));
                }

                return method.Name is "HasClaim" or "FindFirst" or "FindAll" ? new ValueInfo(ValueClass.Claims) : new ValueInfo(ValueClass.Principal);
            }

            // userManager.GetUserAsync(User), User.GetUserId(): a value derived from the principal.
            foreach (var argument in invocation.Arguments)
            {
                if (s.IsA(argument.Value.Type, s.ClaimsPrincipal))
                {
                    return new ValueInfo(ValueClass.Principal);
                }
            }

            // Request.Headers["Authorization"].ToString(), scopes.Split(' '), claims.Select(c => c.Value)
            if (receiver is not null && IsPassThrough(method))
            {
                var through = ValueKind(receiver);
                if (through.Kind != ValueClass.None)
                {
                    return through;
                }
            }

            if (s.IsA(method.ReturnType, s.X509Certificate))
            {
                return new ValueInfo(ValueClass.Restriction);
            }

            var byName = NameValue(StripGet(method.Name));
            if (byName.Kind != ValueClass.None || method.ReturnType.SpecialType == SpecialType.System_Boolean)
            {
                return byName;
            }

            // SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)), keys.Find(apiKey): a value computed from a credential.
            foreach (var argument in invocation.Arguments)
            {
                if (!ReferenceEquals(argument.Value, receiver) && ValueKind(argument.Value) is { Kind: ValueClass.Credential or ValueClass.Restriction } derived)
                {
                    return derived;
                }
            }

            return default;
        }

        private static string StripGet(string name)
        {
            if (name.StartsWith("Get", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3]))
            {
                name = name.Substring(3);
            }

            return name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
        }

        private static bool IsPassThrough(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "ToString":
                case "Trim":
                case "TrimStart":
                case "TrimEnd":
                case "ToLower":
                case "ToLowerInvariant":
                case "ToUpper":
                case "ToUpperInvariant":
                case "Split":
                case "Substring":
                case "Replace":
                case "Select":
                case "SelectMany":
                case "Where":
                case "ToList":
                case "ToArray":
                case "ToHashSet":
                case "First":
                case "FirstOrDefault":
                case "Single":
                case "SingleOrDefault":
                case "Last":
                case "LastOrDefault":
                case "AsSpan":
                case "GetBytes":
                    return true;
                default:
                    return false;
            }
        }

        private ValueInfo PropertyValue(IPropertyReferenceOperation property)
        {
            var s = _symbols;
            var symbol = property.Property;
            var containing = symbol.ContainingType;

            // Request.Headers["X-Api-Key"], Request.Query["api_key"], Request.Cookies["session"]
            if (symbol.IsIndexer)
            {
                if (IsRequestCollection(property.Instance?.Type) && property.Arguments.Length == 1)
                {
                    return HeaderValue(ConstantString(property.Arguments[0].Value));
                }

                return property.Instance is null ? default : ValueKind(property.Instance);
            }

            // Request.Headers.Authorization
            if (symbol.Name == "Authorization" && s.IsA(containing, s.HeaderDictionary))
            {
                return new ValueInfo(ValueClass.Credential);
            }

            if (s.IsA(containing, s.ConnectionInfo) && (symbol.Name.IndexOf("Ip", StringComparison.Ordinal) >= 0 || symbol.Name.IndexOf("Certificate", StringComparison.Ordinal) >= 0))
            {
                return new ValueInfo(ValueClass.Restriction);
            }

            // User.Identity.Name, claim.Value of FindFirst(..), result.Principal
            if (s.IsA(containing, s.IIdentity) && symbol.Name == "Name")
            {
                return new ValueInfo(ValueClass.Principal);
            }

            if (symbol.Name == "Principal" && s.IsA(containing, s.AuthenticateResult))
            {
                return new ValueInfo(ValueClass.Principal);
            }

            if (s.IsA(containing, s.Claim) && symbol.Name == "Value" && property.Instance is not null)
            {
                return ValueKind(property.Instance);
            }

            if (symbol.Name == "Claims" && (s.IsA(containing, s.ClaimsPrincipal) || s.IsA(containing, s.ClaimsIdentity)))
            {
                return new ValueInfo(ValueClass.Claims);
            }

            var byName = NameValue(symbol.Name);
            if (byName.Kind != ValueClass.None)
            {
                return byName;
            }

            // user.Role, options.Value.ApiKey: the member name decided; for Value/Values pass through.
            return symbol.Name is "Value" or "Values" && property.Instance is not null ? ValueKind(property.Instance) : default;
        }

        /// <summary>A local filled by <c>Request.Headers.TryGetValue("X-Api-Key", out var value)</c>.</summary>
        private ValueInfo OutArgumentValue(ILocalReferenceOperation local)
        {
            if (Locals(local).TryGetValue(local.Local, out var use)
                && use.OutArgument is { Parent: IInvocationOperation { TargetMethod.Name: "TryGetValue" } invocation }
                && invocation.Instance is { } receiver
                && IsRequestCollection(receiver.Type))
            {
                return HeaderValue(ConstantString(FirstNonReceiverArgument(invocation)));
            }

            return default;
        }

        /// <summary>A header, query, cookie or form key: <c>Authorization</c> and <c>Proxy-Authorization</c> carry credentials; other keys by their words.</summary>
        internal ValueInfo HeaderValue(string? name)
        {
            if (name is not null && (string.Equals(name.Trim(), "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(name.Trim(), "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                return new ValueInfo(ValueClass.Credential);
            }

            return NameValue(name);
        }

        internal ValueInfo NameValue(string? name)
        {
            var facts = _names.Facts(name);
            if ((facts & NameFacts.Restriction) != 0)
            {
                return new ValueInfo(ValueClass.Restriction);
            }

            if ((facts & NameFacts.Permission) != 0)
            {
                return new ValueInfo(ValueClass.Permission, (facts & NameFacts.Scope) != 0);
            }

            if ((facts & NameFacts.Credential) != 0)
            {
                return new ValueInfo(ValueClass.Credential);
            }

            return (facts & NameFacts.Principal) != 0 ? new ValueInfo(ValueClass.Principal) : default;
        }

        /// <summary>Claim types: role/scope/permission claims are permissions; subject/name claims denote the caller.</summary>
        internal static ValueClass ClaimTypeKind(string claimType)
        {
            // The last segment of a claim type URI (or the whole short name), compared in place: no substring, no lower-casing.
            var start = claimType.LastIndexOf('/') + 1;
            foreach (var (word, kind) in ClaimTypeWords)
            {
                if (IsLastSegment(claimType, start, word))
                {
                    return kind;
                }
            }

            return ValueClass.None;
        }

        private static readonly (string Word, ValueClass Kind)[] ClaimTypeWords =
        {
            ("role", ValueClass.Permission), ("roles", ValueClass.Permission), ("scope", ValueClass.Permission), ("scopes", ValueClass.Permission),
            ("scp", ValueClass.Permission), ("permission", ValueClass.Permission), ("permissions", ValueClass.Permission), ("groups", ValueClass.Permission),
            ("wids", ValueClass.Permission), ("authorizationdecision", ValueClass.Permission),
            ("nameidentifier", ValueClass.Principal), ("name", ValueClass.Principal), ("sub", ValueClass.Principal), ("oid", ValueClass.Principal),
            ("uid", ValueClass.Principal), ("userid", ValueClass.Principal), ("user_id", ValueClass.Principal), ("sid", ValueClass.Principal),
            ("upn", ValueClass.Principal), ("primarysid", ValueClass.Principal),
            ("x509certificate", ValueClass.Restriction), ("thumbprint", ValueClass.Restriction),
        };

        private static bool IsLastSegment(string claimType, int start, string word) =>
            claimType.Length - start == word.Length && string.Compare(claimType, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsScopeClaim(string claimType)
        {
            var start = claimType.LastIndexOf('/') + 1;
            return IsLastSegment(claimType, start, "scope") || IsLastSegment(claimType, start, "scopes") || IsLastSegment(claimType, start, "scp");
        }

        private static bool LooksLikeClaimType(string text) => text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

        // ---------------------------------------------------------------------------------------------------------
        // Helpers.
        // ---------------------------------------------------------------------------------------------------------

        private bool IsRequestCollection(ITypeSymbol? type)
        {
            var s = _symbols;
            return s.IsA(type, s.HeaderDictionary) || s.IsA(type, s.QueryCollection) || s.IsA(type, s.RequestCookies) || s.IsA(type, s.FormCollection);
        }

        private static IOperation? FirstNonReceiverArgument(IInvocationOperation invocation)
        {
            var skip = invocation.TargetMethod.IsExtensionMethod && invocation.Instance is null ? 1 : 0;
            return invocation.Arguments.Length > skip ? invocation.Arguments[skip].Value : null;
        }

        /// <summary>The two compared values of <c>a.Equals(b)</c>, <c>string.Equals(a, b, ..)</c>, <c>FixedTimeEquals(a, b)</c>, <c>a.SequenceEqual(b)</c>.</summary>
        private static List<IOperation> Operands(IInvocationOperation invocation)
        {
            var operands = new List<IOperation>(2);
            if (invocation.Instance is not null)
            {
                operands.Add(invocation.Instance);
            }

            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Value.Type;
                if (type is not null && (type.TypeKind == TypeKind.Enum || type.Name == "IEqualityComparer"))
                {
                    continue;
                }

                if (operands.Count < 2)
                {
                    operands.Add(argument.Value);
                }
            }

            return operands;
        }

        internal static string? ConstantString(IOperation? operation)
        {
            return operation is not null && HttpStatusResolver.Unwrap(operation).ConstantValue is { HasValue: true, Value: string text } ? text : null;
        }

        private static string? NameOf(IOperation operation)
        {
            return HttpStatusResolver.Unwrap(operation) switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                _ => null,
            };
        }

        /// <summary>A local as a condition: its initializer's, when nothing else writes it.</summary>
        private RefusalKind LocalCondition(ILocalReferenceOperation local, bool refusedWhen) =>
            !DeclaredToSayNothing(local, asCondition: true, refusedWhen) && TraceLocal(local, out var initializer)
                ? Condition(initializer, refusedWhen)
                : RefusalKind.Neither;

        /// <summary>A local as a value: its initializer's when nothing else writes it, or the key of the <c>TryGetValue</c> that declares it.</summary>
        private ValueInfo LocalValue(ILocalReferenceOperation local)
        {
            if (DeclaredToSayNothing(local, asCondition: false, refusedWhen: false))
            {
                return default;
            }

            return TraceLocal(local, out var initializer) ? ValueKind(initializer) : OutArgumentValue(local);
        }

        /// <summary>
        /// True when the local is declared among the statements around the read (<see cref="LocalDeclarations"/>) without
        /// an initializer, or with one that says nothing about the caller as a condition (<paramref name="asCondition"/>)
        /// or as a value. Most locals a guard reads are such (<c>var order = await _orders.FindAsync(id)</c>), and then
        /// <see cref="TraceLocal"/> need not read the whole body for other writes: whatever writes them, they say nothing.
        /// The initializer is classified speculatively, so the scope it may record is put back.
        /// </summary>
        private bool DeclaredToSayNothing(ILocalReferenceOperation local, bool asCondition, bool refusedWhen)
        {
            if (_depth > MaxTraceDepth * 4 || !LocalDeclarations.TryGetDeclarator(local, out var declared))
            {
                return false;
            }

            if (declared is null)
            {
                return true;
            }

            var (isScopeCheck, scope) = (_isScopeCheck, _scope);
            bool saysNothing;
            if (asCondition)
            {
                saysNothing = Condition(declared, refusedWhen) == RefusalKind.Neither;
            }
            else
            {
                var value = ValueKind(declared);
                saysNothing = value.Kind == ValueClass.None && !value.IsScope && value.Scope is null;
            }

            (_isScopeCheck, _scope) = (isScopeCheck, scope);
            return saysNothing;
        }

        /// <summary>A local written only by its declaration's initializer: its value there.</summary>
        private bool TraceLocal(ILocalReferenceOperation reference, out IOperation initializer)
        {
            initializer = reference;
            if (_depth > MaxTraceDepth * 4 || !Locals(reference).TryGetValue(reference.Local, out var local) || local.Written || local.Initializer is null)
            {
                return false;
            }

            initializer = local.Initializer;
            return true;
        }

        /// <summary>What the body around <paramref name="reference"/> does with each of its locals, read in one walk of the body per walker.</summary>
        private Dictionary<ILocalSymbol, LocalUse> Locals(IOperation reference)
        {
            var root = Root(reference);
            if (_locals is not null && ReferenceEquals(_localsRoot, root))
            {
                return _locals;
            }

            var locals = new Dictionary<ILocalSymbol, LocalUse>(SymbolEqualityComparer.Default);
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        var value = LocalDeclarations.InitialValue(declarator);
                        locals[declarator.Symbol] = locals.TryGetValue(declarator.Symbol, out var declared) ? declared.WithInitializer(value) : new LocalUse(value, false, null);
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target }:
                        locals[target.Local] = locals.TryGetValue(target.Local, out var assigned) ? assigned.AsWritten(null) : new LocalUse(null, true, null);
                        break;
                    case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation target }:
                        var outArgument = operation.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out } argument ? argument : null;
                        locals[target.Local] = locals.TryGetValue(target.Local, out var declaredOut) ? declaredOut.AsWritten(outArgument) : new LocalUse(null, true, outArgument);
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            _localsRoot = root;
            return _locals = locals;
        }

        private IOperation? _localsRoot;
        private Dictionary<ILocalSymbol, LocalUse>? _locals;

        /// <summary>A local's initializer (when declared with one), whether anything else writes it, and the out argument that declares it.</summary>
        private readonly struct LocalUse
        {
            public LocalUse(IOperation? initializer, bool written, IArgumentOperation? outArgument)
            {
                Initializer = initializer;
                Written = written;
                OutArgument = outArgument;
            }

            public IOperation? Initializer { get; }

            public bool Written { get; }

            public IArgumentOperation? OutArgument { get; }

            public LocalUse WithInitializer(IOperation? initializer) => new LocalUse(initializer, Written, OutArgument);

            public LocalUse AsWritten(IArgumentOperation? outArgument) => new LocalUse(Initializer, true, OutArgument ?? outArgument);
        }

        private static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }
    }

    /// <summary>The symbols of the refusal table, resolved once per compilation. Any may be null.</summary>
    internal sealed class RefusalSymbols
    {
        public RefusalSymbols(Compilation compilation)
        {
            ClaimsPrincipal = Get(compilation, "System.Security.Claims.ClaimsPrincipal");
            ClaimsIdentity = Get(compilation, "System.Security.Claims.ClaimsIdentity");
            Claim = Get(compilation, "System.Security.Claims.Claim");
            IIdentity = Get(compilation, "System.Security.Principal.IIdentity");
            IPrincipal = Get(compilation, "System.Security.Principal.IPrincipal");
            AuthenticateResult = Get(compilation, "Microsoft.AspNetCore.Authentication.AuthenticateResult");
            AuthorizationResult = Get(compilation, "Microsoft.AspNetCore.Authorization.AuthorizationResult");
            PolicyAuthorizationResult = Get(compilation, "Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult");
            SignInResult = Get(compilation, "Microsoft.AspNetCore.Identity.SignInResult");
            Exception = Get(compilation, "System.Exception");
            UnauthorizedAccessException = Get(compilation, "System.UnauthorizedAccessException");
            AuthenticationException = Get(compilation, "System.Security.Authentication.AuthenticationException");
            HeaderDictionary = Get(compilation, "Microsoft.AspNetCore.Http.IHeaderDictionary");
            QueryCollection = Get(compilation, "Microsoft.AspNetCore.Http.IQueryCollection");
            RequestCookies = Get(compilation, "Microsoft.AspNetCore.Http.IRequestCookieCollection");
            FormCollection = Get(compilation, "Microsoft.AspNetCore.Http.IFormCollection");
            ConnectionInfo = Get(compilation, "Microsoft.AspNetCore.Http.ConnectionInfo");
            X509Certificate = Get(compilation, "System.Security.Cryptography.X509Certificates.X509Certificate");
            IPAddress = Get(compilation, "System.Net.IPAddress");
            ValueTypes = new[] { ClaimsPrincipal, IPrincipal, IIdentity, X509Certificate, IPAddress };
            MemberTypes = new[] { AuthenticateResult, AuthorizationResult, PolicyAuthorizationResult, SignInResult, ConnectionInfo };
        }

        /// <summary>The types a value is classified by (<see cref="FirstOf"/>): the caller's three, then from <see cref="FirstRestrictionValueType"/> the restrictions.</summary>
        public INamedTypeSymbol?[] ValueTypes { get; }

        public const int FirstRestrictionValueType = 3;

        /// <summary>The types whose members a condition reads: AuthenticateResult, AuthorizationResult, PolicyAuthorizationResult, SignInResult, ConnectionInfo.</summary>
        public INamedTypeSymbol?[] MemberTypes { get; }

        public INamedTypeSymbol? ClaimsPrincipal { get; }

        public INamedTypeSymbol? ClaimsIdentity { get; }

        public INamedTypeSymbol? Claim { get; }

        public INamedTypeSymbol? IIdentity { get; }

        public INamedTypeSymbol? IPrincipal { get; }

        public INamedTypeSymbol? AuthenticateResult { get; }

        public INamedTypeSymbol? AuthorizationResult { get; }

        public INamedTypeSymbol? PolicyAuthorizationResult { get; }

        public INamedTypeSymbol? SignInResult { get; }

        public INamedTypeSymbol? Exception { get; }

        public INamedTypeSymbol? UnauthorizedAccessException { get; }

        public INamedTypeSymbol? AuthenticationException { get; }

        public INamedTypeSymbol? HeaderDictionary { get; }

        public INamedTypeSymbol? QueryCollection { get; }

        public INamedTypeSymbol? RequestCookies { get; }

        public INamedTypeSymbol? FormCollection { get; }

        public INamedTypeSymbol? ConnectionInfo { get; }

        public INamedTypeSymbol? X509Certificate { get; }

        public INamedTypeSymbol? IPAddress { get; }

        /// <summary>True when <paramref name="type"/> is <paramref name="target"/>, derives from it or implements it.</summary>
        public bool IsA(ITypeSymbol? type, INamedTypeSymbol? target)
        {
            if (type is null || target is null || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named && named.ConstructedFrom.SpecialType == SpecialType.System_Nullable_T)
            {
                type = named.TypeArguments[0];
            }

            // string, bool, int...: none of the types asked about (exceptions, security and ASP.NET Core types) is one, a base of one
            // or implemented by one;
            // most values are such, and reading a special type's interfaces builds a new array each time.
            if (type.SpecialType != SpecialType.None && target.SpecialType == SpecialType.None)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return target.TypeKind == TypeKind.Interface && Interfaces.Implements(type, target);
        }

        /// <summary>
        /// The index of the first of <paramref name="targets"/> that <paramref name="type"/> is (<see cref="IsA"/>), or -1:
        /// one walk of the base types and one of the interfaces for all of them, where asking <see cref="IsA"/> of each
        /// walks the type again. The targets are types that are no special type (<c>string</c>, <c>int</c>...).
        /// </summary>
        public int FirstOf(ITypeSymbol? type, INamedTypeSymbol?[] targets)
        {
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return -1;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named && named.ConstructedFrom.SpecialType == SpecialType.System_Nullable_T)
            {
                type = named.TypeArguments[0];
            }

            // As in IsA: a special type is none of the targets, derives from none and implements none.
            if (type.SpecialType != SpecialType.None)
            {
                return -1;
            }

            var first = int.MaxValue;
            var anyInterface = false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                var definition = current.OriginalDefinition;
                for (var i = 0; i < targets.Length && i < first; i++)
                {
                    if (targets[i] is { } target && SymbolEqualityComparer.Default.Equals(definition, target))
                    {
                        first = i;
                    }
                }
            }

            for (var i = 0; i < targets.Length && i < first; i++)
            {
                anyInterface |= targets[i] is { TypeKind: TypeKind.Interface };
            }

            if (anyInterface)
            {
                foreach (var implemented in type.OriginalDefinition.AllInterfaces)
                {
                    var definition = implemented.OriginalDefinition;
                    for (var i = 0; i < targets.Length && i < first; i++)
                    {
                        if (targets[i] is { TypeKind: TypeKind.Interface } target && SymbolEqualityComparer.Default.Equals(definition, target.OriginalDefinition))
                        {
                            first = i;
                        }
                    }
                }
            }

            return first == int.MaxValue ? -1 : first;
        }

        private static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var type = KnownTypes.Get(compilation, metadataName);
            return type is null || type.TypeKind == TypeKind.Error ? null : type;
        }
    }
}
