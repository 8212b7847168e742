using AuthStatus.Analyzers;
using Xunit;

namespace AuthStatus.Analyzers.Tests;

/// <summary>The names the diagnostics carry as properties for the fixes: the member's name for any value, never a throw.</summary>
public class EnumNamesTests
{
    private enum Gapped { A = 0, C = 2, Far = 1000, Negative = -1 }

    private enum Huge : ulong { Small = 1, Top = ulong.MaxValue }

    [Fact]
    public void Of_NamesEveryMember_AndFallsBackForValuesWithoutASlot()
    {
        Assert.Equal("A", EnumNames<Gapped>.Of(Gapped.A));
        Assert.Equal("C", EnumNames<Gapped>.Of(Gapped.C));
        Assert.Equal("Far", EnumNames<Gapped>.Of(Gapped.Far));
        Assert.Equal("Negative", EnumNames<Gapped>.Of(Gapped.Negative));
        Assert.Equal("1", EnumNames<Gapped>.Of((Gapped)1));
        Assert.Equal("Small", EnumNames<Huge>.Of(Huge.Small));
        Assert.Equal("Top", EnumNames<Huge>.Of(Huge.Top));
    }
}
