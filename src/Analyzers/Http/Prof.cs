namespace AuthStatus.Analyzers.Http
{
    public static class Prof
    {
        public static readonly long[] T = new long[64];
        public static readonly long[] N = new long[64];
        public static long Now() => System.Diagnostics.Stopwatch.GetTimestamp();
        public static void Add(int i, long start) { T[i] += System.Diagnostics.Stopwatch.GetTimestamp() - start; N[i]++; }
    }
}
