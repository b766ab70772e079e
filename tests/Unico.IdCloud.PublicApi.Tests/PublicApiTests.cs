using System.Reflection;
using Unico.IdCloud.PublicApi.Tests.Listing;
using Xunit.Abstractions;

namespace Unico.IdCloud.PublicApi.Tests;

/// <summary>
/// Every shipped assembly's public surface must equal its committed listing in <c>api/</c>. A change to the surface is
/// accepted on purpose with <c>UPDATE_PUBLIC_API=1 dotnet test tests/Unico.IdCloud.PublicApi.Tests</c> and reviewed as
/// a diff of the listing in the pull request.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output)
{
    private static readonly string ApiDirectory = typeof(PublicApiTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PublicApiDirectory").Value!;

    [Theory]
    [InlineData("Unico.IdCloud.Client")]
    [InlineData("Unico.IdCloud.Testing")]
    [InlineData("Unico.IdCloud.AspNetCore")]
    [InlineData("Unico.IdCloud.Redis")]
    public void Public_API_matches_the_committed_listing(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var outcome = PublicApiBaseline.Check(assemblyName, PublicApiLister.Describe(assembly), ApiDirectory, Environment.GetEnvironmentVariable);

        if (outcome.Status == BaselineStatus.Updated)
        {
            output.WriteLine(outcome.Message);
            Console.Error.WriteLine(outcome.Message);
        }

        Assert.True(outcome.Status != BaselineStatus.Differs, outcome.Message);
    }
}
