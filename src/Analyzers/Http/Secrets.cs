using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AuthStatus.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AuthStatus.Analyzers.Http
{
    /// <summary>
    /// Decides whether a value is a secret (AUTH006): from the names of the symbols it is read from (split into words),
    /// from the header, query and configuration keys it is read under, and through the locals of the method it flows through.
    /// </summary>
    internal sealed class Secrets
    {
        /// <summary>The default secret vocabulary: a name is a secret when its words contain one of these.</summary>
        public static readonly string[] DefaultNames =
        {
            "password", "passwd", "pwd", "passphrase", "secret", "apikey", "api_key", "accesskey", "access_key",
            "token", "signature", "hmac", "otp", "pin", "private_key",
        };

        /// <summary>Words that may follow a secret word without changing what the name holds: <c>tokenValue</c>, <c>passwordHash</c>, <c>secretKey</c>.</summary>
        private static readonly ImmutableHashSet<string> NeutralSuffixes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "value", "values", "hash", "hashes", "hashed", "bytes", "string", "str", "text", "header", "headers", "raw", "plain", "digest", "hex", "base",
            "input", "candidate", "key", "code", "encoded", "decoded", "trimmed", "utf", "b", "bin", "binary");

        /// <summary>Words that, right before a secret word, make it a public value: <c>cancellationToken</c>, <c>nextPageToken</c>.</summary>
        private static readonly ImmutableHashSet<string> PublicPrefixes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "cancellation", "page", "paging", "continuation", "next", "previous", "prev", "resume", "sync", "skip", "cursor", "change");

        /// <summary>Methods that keep their receiver's secrecy: <c>apiKey.Trim()</c>, <c>header.ToString()</c>.</summary>
        private static readonly ImmutableHashSet<string> PreservingInstanceMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ToString", "Trim", "TrimStart", "TrimEnd", "ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant",
            "Substring", "Replace", "Normalize", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
            "ToArray", "AsSpan", "AsMemory", "GetBytes", "ComputeHash", "TransformFinalBlock");

        /// <summary>Static methods whose result carries their argument's secret: encodings and hashes of a secret are secrets.</summary>
        private static readonly ImmutableHashSet<string> PreservingStaticMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ToBase64String", "FromBase64String", "ToHexString", "ToHexStringLower", "FromHexString", "HashData", "GetBytes",
            "GetString", "UrlDecode", "UrlEncode", "Base64UrlDecode", "Base64UrlEncode", "Encode", "Decode", "FirstOrDefault",
            "First", "Single", "SingleOrDefault", "ToString", "Concat", "Join");

        private const int MaxDepth = 2;

        private readonly NameVocabulary _names;
        private readonly NameVocabulary _excluded;

        private Secrets(NameVocabulary names, NameVocabulary excluded)
        {
            _names = names;
            _excluded = excluded;
            _isSecretName = NamesSecret;
        }

        /// <summary>The vocabulary from the defaults, <c>auth_status.secret_names</c> (added) and <c>auth_status.secret_names_exclude</c>.</summary>
        public static Secrets Create(string? added, string? excluded)
        {
            return new Secrets(
                NameVocabulary.Create(DefaultNames, added, excluded),
                NameVocabulary.Create(Array.Empty<string>(), excluded, null));
        }

        /// <summary>True when an identifier names a secret: <c>apiKey</c>, <c>expectedSignature</c>, <c>PasswordHash</c>; not <c>tokenType</c>, <c>cancellationToken</c>.</summary>
        public bool IsSecretName(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            return _secretNames.Get(name!, _isSecretName);
        }

        private readonly NameAnswers<bool> _secretNames = new NameAnswers<bool>();
        private readonly Func<string, bool> _isSecretName;

        private bool NamesSecret(string name)
        {
            if (_excluded.Matches(name))
            {
                return false;
            }

            var words = NameWords.Split(name);
            foreach (var entry in _names.Entries)
            {
                for (var start = 0; start + entry.Length <= words.Count; start++)
                {
                    if (!NameVocabulary.MatchesAt(words, start, entry))
                    {
                        continue;
                    }

                    if (start > 0 && PublicPrefixes.Contains(words[start - 1]))
                    {
                        continue;
                    }

                    if (OnlyNeutralWordsFrom(words, start + entry.Length))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True for a header, query, form or configuration key that holds a secret: <c>Authorization</c>, <c>X-Api-Key</c>, <c>Jwt:Secret</c>.</summary>
        public bool IsSecretKey(string? key)
        {
            if (string.IsNullOrEmpty(key))
            {
                return false;
            }

            // Configuration paths: the last segment names the value (Jwt:Secret, Auth__ApiKey).
            var segment = key!;
            var colon = segment.LastIndexOf(':');
            if (colon >= 0 && colon < segment.Length - 1)
            {
                segment = segment.Substring(colon + 1);
            }

            var words = NameWords.Split(segment);
            if (words.Count >= 1 && words[words.Count - 1] == "authorization" && !_excluded.Matches(segment))
            {
                return true;
            }

            return IsSecretName(segment);
        }

        /// <summary>True when <paramref name="value"/> reads a secret: a secret-named symbol, a secret header/query/configuration key, or a local assigned from one.</summary>
        public bool IsSecret(IOperation? value)
        {
            return IsSecret(value, MaxDepth);
        }

        private bool IsSecret(IOperation? value, int depth)
        {
            if (value is null || depth < 0)
            {
                return false;
            }

            value = Unwrap(value);
            switch (value)
            {
                case ILocalReferenceOperation local:
                    return IsSecretName(local.Local.Name) || (depth > 0 && LocalIsAssignedSecret(local, depth - 1));
                case IParameterReferenceOperation parameter:
                    return IsSecretName(parameter.Parameter.Name);
                case IFieldReferenceOperation field:
                    return IsSecretName(field.Field.Name);
                case IPropertyReferenceOperation property:
                    return IsSecretProperty(property, depth);
                case IInvocationOperation invocation:
                    return IsSecretInvocation(invocation, depth);
                case IConditionalAccessOperation conditionalAccess:
                    return IsSecret(conditionalAccess.WhenNotNull, depth);
                case IConditionalAccessInstanceOperation instance:
                    return IsSecret(FindConditionalAccessReceiver(instance), depth);
                case ICoalesceOperation coalesce:
                    return IsSecret(coalesce.Value, depth) || IsSecret(coalesce.WhenNull, depth);
                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    return IsSecret(conditional.WhenTrue, depth) || IsSecret(conditional.WhenFalse, depth);
                case IArrayElementReferenceOperation element:
                    return IsSecret(element.ArrayReference, depth);
                default:
                    return false;
            }
        }

        private bool IsSecretProperty(IPropertyReferenceOperation reference, int depth)
        {
            var property = reference.Property;
            if (property.IsIndexer)
            {
                // Request.Headers["X-Api-Key"], Request.Query["api_key"], configuration["Jwt:Secret"], values[0] of a secret.
                foreach (var argument in reference.Arguments)
                {
                    if (IsSecretKeyExpression(argument.Value))
                    {
                        return true;
                    }
                }

                return reference.Arguments.Length == 1
                    && argument0IsNumeric(reference.Arguments[0].Value)
                    && IsSecret(reference.Instance, depth);
            }

            if (IsSecretName(property.Name))
            {
                return true;
            }

            // Request.Headers.Authorization (IHeaderDictionary, .NET 7+).
            if (property.Name == "Authorization" && property.ContainingType?.Name == "IHeaderDictionary")
            {
                return true;
            }

            // configuration.GetSection("ApiKey").Value
            return property.Name == "Value" && reference.Instance is IInvocationOperation section && IsConfigurationRead(section);

            static bool argument0IsNumeric(IOperation index) => index.Type?.SpecialType == SpecialType.System_Int32;
        }

        private bool IsSecretInvocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (IsSecretName(name) && !name.StartsWith("Is", StringComparison.Ordinal) && !name.StartsWith("Validate", StringComparison.Ordinal))
            {
                return true;
            }

            if (IsConfigurationRead(invocation))
            {
                return true;
            }

            if (invocation.Instance is { } instance && !method.IsStatic && PreservingInstanceMethods.Contains(name))
            {
                if (IsSecret(instance, depth))
                {
                    return true;
                }

                // Encoding.UTF8.GetBytes(secret), hmac.ComputeHash(secret)
                if (name == "GetBytes" || name == "ComputeHash" || name == "TransformFinalBlock")
                {
                    return invocation.Arguments.Length > 0 && IsSecret(invocation.Arguments[0].Value, depth);
                }

                return false;
            }

            if (method.IsStatic && (PreservingStaticMethods.Contains(name) || name.IndexOf("Hash", StringComparison.Ordinal) >= 0))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (IsSecret(argument.Value, depth))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>configuration.GetValue&lt;string&gt;("ApiKey")</c>, <c>GetSection("Jwt:Secret")</c>, <c>GetConnectionString</c> is not a secret comparison target.</summary>
        private bool IsConfigurationRead(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (name != "GetValue" && name != "GetSection" && name != "GetRequiredSection")
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type?.SpecialType == SpecialType.System_String && IsSecretKeyExpression(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A constant key (<c>"X-Api-Key"</c>) or a field that names one (<c>HeaderNames.Authorization</c>).</summary>
        private bool IsSecretKeyExpression(IOperation key)
        {
            key = Unwrap(key);
            if (key.ConstantValue is { HasValue: true, Value: string text })
            {
                return IsSecretKey(text);
            }

            return key is IFieldReferenceOperation { Field: { IsStatic: true } field } && IsSecretKey(field.Name);
        }

        /// <summary>
        /// Follows a local to the value it is declared with: its initializer, or the call that fills it through
        /// <c>out var</c>. Reached through the statements around the read or the declaration's syntax, so no method body is walked.
        /// </summary>
        private bool LocalIsAssignedSecret(ILocalReferenceOperation reference, int depth)
        {
            // var key = Request.Headers["X-Api-Key"]; found among the statements of the blocks around the read, without asking the
            // semantic model for the initializer's operation (a locked table lookup).
            if (LocalDeclarations.TryGetDeclarator(reference, out var declared))
            {
                return declared is not null && IsSecret(declared, depth);
            }

            var model = reference.SemanticModel;
            var references = reference.Local.DeclaringSyntaxReferences;
            if (model is null || references.Length != 1)
            {
                return false;
            }

            var declaration = references[0].GetSyntax();
            if (declaration.SyntaxTree != model.SyntaxTree)
            {
                return false;
            }

            switch (declaration)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } initializer }:
                    return IsSecret(model.GetOperation(initializer), depth);
                case SingleVariableDesignationSyntax designation:
                    // TryGetValue("X-Api-Key", out var value)
                    var argument = designation.Parent?.Parent as ArgumentSyntax;
                    if (argument?.Parent?.Parent is InvocationExpressionSyntax invocation
                        && model.GetOperation(invocation) is IInvocationOperation call)
                    {
                        return OutSourceIsSecret(call, depth);
                    }

                    return false;
                default:
                    return false;
            }
        }

        private bool OutSourceIsSecret(IInvocationOperation call, int depth)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.RefKind != RefKind.Out && IsSecretKeyExpression(argument.Value))
                {
                    return true;
                }
            }

            return call.Instance is not null && IsSecret(call.Instance, depth);
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

        /// <summary>The root of the operation tree: the method body, or the field/property initializer.</summary>
        internal static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>Strips conversions (implicit or explicit), parentheses and <c>!</c>.</summary>
        internal static IOperation Unwrap(IOperation value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        value = parenthesized.Operand;
                        continue;
                    default:
                        return value;
                }
            }
        }

        private static bool OnlyNeutralWordsFrom(List<string> words, int index)
        {
            for (var i = index; i < words.Count; i++)
            {
                if (!NeutralSuffixes.Contains(words[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
