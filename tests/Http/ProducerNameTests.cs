using System;
using System.Collections.Generic;
using System.Linq;
using AuthStatus.Analyzers.Http;
using AuthStatus.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AuthStatus.Analyzers.Tests.Http;

/// <summary>
/// The producer action reads a factory call by its name (<see cref="HttpStatusResolver.ProducerMethodNames"/>): every
/// method of the result factories that takes a <c>statusCode</c> must be named there, in every framework version the
/// package is tested on, or its 401s and 403s would be missed.
/// </summary>
public class ProducerNameTests
{
    [Theory]
    [InlineData(AspNetVersion.Net80)]
    [InlineData(AspNetVersion.Net100)]
    public void Every_factory_method_given_a_status_is_named(AspNetVersion version)
    {
        var compilation = CSharpCompilation.Create("Names", references: TestReferences.AspNetCore(version));
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var factory in new[] { "Microsoft.AspNetCore.Mvc.ControllerBase", "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "Microsoft.AspNetCore.Http.Results", "Microsoft.AspNetCore.Http.TypedResults" })
        {
            var type = compilation.GetTypeByMetadataName(factory);
            Assert.NotNull(type);
            foreach (var method in type!.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.Parameters.Any(p => p.Name == "statusCode"))
                {
                    found.Add(method.Name);
                }
            }
        }

        Assert.Contains("Problem", found);
        Assert.Empty(found.Except(HttpStatusResolver.ProducerMethodNames));
    }
}
