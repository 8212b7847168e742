using System;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// The names of an enum's members, computed once per process: the diagnostics carry them as properties for the fixes.
    /// <see cref="Enum.ToString()"/> reads the runtime's reflection cache for the type, which is weakly held: after a
    /// garbage collection the first call rebuilds it (custom attributes included), about a millisecond each time in a
    /// compiler process that collects between builds. An array indexed by the member's value, not a dictionary keyed by the
    /// enum: a dictionary over a value type is compiled anew for each enum (about a dozen methods) in each process.
    /// </summary>
    internal static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        // A ulong value above long.MaxValue would make Convert.ToInt64 throw: such an enum is read unsigned.
        private static readonly bool Unsigned64 = Enum.GetUnderlyingType(typeof(TEnum)) == typeof(ulong);

        private static readonly string?[] Names = Create();

        public static string Of(TEnum value)
        {
            var index = Index(value);
            return index >= 0 && index < Names.Length && Names[index] is { } name ? name : value.ToString();
        }

        private static long Index(TEnum value) => Unsigned64
            ? (long)Math.Min(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture), long.MaxValue)
            : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

        private static string?[] Create()
        {
            var values = Enum.GetValues(typeof(TEnum));
            long length = 0;
            foreach (TEnum value in values)
            {
                length = Math.Max(length, Math.Min(Index(value), 255) + 1);
            }

            // Only small non-negative values get a slot (the package's enums count from 0); others fall back to ToString.
            var names = new string?[length];
            foreach (TEnum value in values)
            {
                var index = Index(value);
                if (index >= 0 && index < names.Length)
                {
                    names[index] = value.ToString();
                }
            }

            return names;
        }
    }
}
