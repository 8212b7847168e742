using Microsoft.CodeAnalysis.Diagnostics;

namespace AuthStatus.Analyzers
{
    /// <summary>The setup every analyzer of the package shares.</summary>
    internal static class AnalyzerSetup
    {
        /// <summary>
        /// Generated code (files marked generated, <c>[GeneratedCode]</c> types) is not analyzed: the driver does not call
        /// the rules there. Every diagnostic is reported on the code being analyzed, so adding
        /// <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/> only spares the driver its test of each reported
        /// location, which walks the whole file and binds the attributes of its declarations
        /// (<c>AnalyzerDriver.IsInGeneratedCode</c>). <c>GeneratedCodeTests</c> keeps this true.
        /// </summary>
        public const GeneratedCodeAnalysisFlags GeneratedCode = GeneratedCodeAnalysisFlags.ReportDiagnostics;
    }
}
