using System;
using System.Collections.Generic;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// The names of an enum's members, computed once per process: the diagnostics carry them as properties for the fixes.
    /// <see cref="Enum.ToString()"/> reads the runtime's reflection cache for the type, which is weakly held: after a
    /// garbage collection the first call rebuilds it (custom attributes included), about a millisecond each time in a
    /// compiler process that collects between builds.
    /// </summary>
    internal static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Create();

        public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();

        private static Dictionary<TEnum, string> Create()
        {
            var names = new Dictionary<TEnum, string>();
            foreach (TEnum value in Enum.GetValues(typeof(TEnum)))
            {
                names[value] = value.ToString();
            }

            return names;
        }
    }
}
