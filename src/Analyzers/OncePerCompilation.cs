using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AuthStatus.Analyzers
{
    /// <summary>
    /// A value computed once per compilation and shared by every analyzer and fix that asks for it. Callers that arrive
    /// while it is being computed wait for it instead of computing it again (with concurrent execution, dozens of
    /// callbacks ask at the same moment). A cancelled computation leaves nothing behind: the next caller computes it.
    /// </summary>
    internal sealed class OncePerCompilation<T>
        where T : class
    {
        private readonly ConditionalWeakTable<Compilation, Slot> _slots = new ConditionalWeakTable<Compilation, Slot>();
        private readonly Func<Compilation, CancellationToken, T> _compute;

        public OncePerCompilation(Func<Compilation, CancellationToken, T> compute)
        {
            _compute = compute;
        }

        public T Get(Compilation compilation, CancellationToken cancellationToken)
        {
            var slot = _slots.GetValue(compilation, _ => new Slot());
            var value = Volatile.Read(ref slot.Value);
            if (value is not null)
            {
                return value;
            }

            lock (slot)
            {
                value = slot.Value;
                if (value is null)
                {
                    value = _compute(compilation, cancellationToken);
                    Volatile.Write(ref slot.Value, value);
                }

                return value;
            }
        }

        private sealed class Slot
        {
            public T? Value;
        }
    }
}
