using Unico.IdCloud.PublicApi.Tests.Fixtures;
using Unico.IdCloud.PublicApi.Tests.Listing;

namespace Unico.IdCloud.PublicApi.Tests;

/// <summary>
/// The check itself, end to end on a library compiled here in two versions: what a contributor sees when they add a
/// public member to src/ without updating api/*.txt, and how the update switch behaves on a laptop and under CI.
/// </summary>
public sealed class PublicApiBaselineTests : IDisposable
{
    private const string Version1 = """
        namespace Acme.Widgets;
        public sealed class Gadget
        {
            public string Name { get; set; } = "";
            public void Spin() { }
        }
        internal sealed class Secret { public void Hidden() { } }
        """;

    // Version 1 plus one public overload, and a new internal member that must not count.
    private const string Version2 = """
        namespace Acme.Widgets;
        public sealed class Gadget
        {
            public string Name { get; set; } = "";
            public void Spin() { }
            public int Spin(int times, string? reason = null) => times;
        }
        internal sealed class Secret { public void Hidden() { } internal void AlsoHidden() { } }
        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "public-api-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Adding_a_public_member_without_updating_the_file_fails_with_a_plus_line()
    {
        Accept(Version1);

        var outcome = Check(Version2, Env());

        Assert.Equal(BaselineStatus.Differs, outcome.Status);
        var diffLines = outcome.Message.Split('\n');
        Assert.Contains("+   public int Spin(int times, string? reason = null)", diffLines);
        Assert.Single(diffLines, l => l.StartsWith("+ ", StringComparison.Ordinal));
        Assert.DoesNotContain(diffLines, l => l.StartsWith("- ", StringComparison.Ordinal));
        Assert.Contains(diffLines, l => l.StartsWith("@@ ", StringComparison.Ordinal) && l.EndsWith(" @@ public sealed class Acme.Widgets.Gadget", StringComparison.Ordinal));
        Assert.Contains("UPDATE_PUBLIC_API=1 dotnet test tests/Unico.IdCloud.PublicApi.Tests", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_public_member_fails_with_a_minus_line()
    {
        Accept(Version2);

        var outcome = Check(Version1, Env());

        Assert.Equal(BaselineStatus.Differs, outcome.Status);
        Assert.Contains("-   public int Spin(int times, string? reason = null)", outcome.Message.Split('\n'));
    }

    [Fact]
    public void Internal_changes_do_not_touch_the_public_surface()
    {
        var internalOnly = Version1.Replace("public void Hidden() { }", "public void Hidden() { } internal int More() => 1;", StringComparison.Ordinal);
        Accept(Version1);

        Assert.Equal(BaselineStatus.Unchanged, Check(internalOnly, Env()).Status);
    }

    [Fact]
    public void Update_switch_rewrites_the_file_and_the_next_run_passes()
    {
        Accept(Version1);

        var updated = Check(Version2, Env(("UPDATE_PUBLIC_API", "1")));
        var rerun = Check(Version2, Env());

        Assert.Equal(BaselineStatus.Updated, updated.Status);
        Assert.Contains("+   public int Spin(int times, string? reason = null)", updated.Message, StringComparison.Ordinal);
        Assert.Equal(BaselineStatus.Unchanged, rerun.Status);
        Assert.Contains("  public int Spin(int times, string? reason = null)\n", File.ReadAllText(updated.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void Under_CI_the_update_switch_is_refused_and_the_file_is_left_alone()
    {
        Accept(Version1);
        var before = File.ReadAllText(Path.Combine(directory, "Acme.Widgets.txt"));

        var outcome = Check(Version2, Env(("UPDATE_PUBLIC_API", "1"), ("CI", "true")));

        Assert.Equal(BaselineStatus.Differs, outcome.Status);
        Assert.Contains("CI does not accept API changes by itself", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(outcome.Path));
    }

    [Fact]
    public void A_missing_file_fails_and_lists_the_whole_surface_as_added()
    {
        var outcome = Check(Version1, Env());

        Assert.Equal(BaselineStatus.Differs, outcome.Status);
        Assert.Contains("There is no committed public API listing for Acme.Widgets", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("+ public sealed class Acme.Widgets.Gadget", outcome.Message.Split('\n'));
        Assert.False(File.Exists(outcome.Path));
    }

    [Fact]
    public void Windows_line_endings_in_the_committed_file_are_not_a_change()
    {
        Accept(Version1);
        var path = Path.Combine(directory, "Acme.Widgets.txt");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(BaselineStatus.Unchanged, Check(Version1, Env()).Status);
    }

    private void Accept(string source) =>
        Assert.Equal(BaselineStatus.Updated, Check(source, Env(("UPDATE_PUBLIC_API", "1"))).Status);

    private BaselineOutcome Check(string source, Func<string, string?> environment) =>
        PublicApiBaseline.Check("Acme.Widgets", PublicApiLister.Describe(FixtureCompiler.Compile("Acme.Widgets", source)), directory, environment);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
