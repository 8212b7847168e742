using System.Runtime.CompilerServices;
using System.Threading;
using AuthStatus.Analyzers.AspNetCore;
using AuthStatus.Analyzers.Http;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// The package's compilation-wide reads of the source text, once per compilation: the files that may register
    /// authentication schemes (<see cref="SchemeRegistrations"/>) and the challenge safety net
    /// (<see cref="ChallengeSafetyNet"/>); nothing is bound here. Searching a file's text costs about as much as bringing
    /// it from memory: in the benchmark's replays at 4,000 files (8.5 M characters), each of the two searches made in a pass
    /// of its own took 3 to 4 ms, and made one after the other on each file, about 2.5 and 2 ms.
    /// What a file's text says is kept with its syntax tree (<see cref="FileText"/>): a tree never changes, and an editor's
    /// next compilation keeps every tree but the one edited, so a keystroke reads one file again instead of all of them.
    /// </summary>
    internal sealed class CompilationTexts
    {
        private static readonly OncePerCompilation<CompilationTexts> Cache = new OncePerCompilation<CompilationTexts>(Read);

        private CompilationTexts(SchemeRegistrations.TextScan registrations, bool hasChallengeSafetyNet)
        {
            Registrations = registrations;
            HasChallengeSafetyNet = hasChallengeSafetyNet;
        }

        /// <summary>The files that may register authentication schemes; <see cref="SchemeRegistrations.For"/> binds them when asked.</summary>
        public SchemeRegistrations.TextScan Registrations { get; }

        public bool HasChallengeSafetyNet { get; }

        /// <summary>Read once per compilation; callers that arrive meanwhile wait.</summary>
        public static CompilationTexts For(Compilation compilation, CancellationToken cancellationToken) => Cache.Get(compilation, cancellationToken);

        private static CompilationTexts Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var registrations = new SchemeRegistrations.TextScan();
            var safetyNet = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = FileText.Of(tree, cancellationToken);
                safetyNet |= file.HasChallengeSafetyNet;
                registrations.Add(tree, file.Registrations);
            }

            return new CompilationTexts(registrations, safetyNet);
        }

        /// <summary>What one file's text says, read once per syntax tree.</summary>
        internal sealed class FileText
        {
            private static readonly ConditionalWeakTable<SyntaxTree, FileText> ByTree = new ConditionalWeakTable<SyntaxTree, FileText>();

            private FileText(bool hasChallengeSafetyNet, SchemeRegistrations.FileScan registrations)
            {
                HasChallengeSafetyNet = hasChallengeSafetyNet;
                Registrations = registrations;
            }

            public bool HasChallengeSafetyNet { get; }

            public SchemeRegistrations.FileScan Registrations { get; }

            public static FileText Of(SyntaxTree tree, CancellationToken cancellationToken)
            {
                if (ByTree.TryGetValue(tree, out var known))
                {
                    return known;
                }

                var text = tree.GetText(cancellationToken).ToString();
                var read = new FileText(ChallengeSafetyNet.ExistsIn(tree, text, cancellationToken), SchemeRegistrations.ReadFile(tree, text));

                // Two compilations may read the same tree at once: both read the same facts, and the first one kept wins.
                return ByTree.GetValue(tree, _ => read);
            }
        }
    }
}
