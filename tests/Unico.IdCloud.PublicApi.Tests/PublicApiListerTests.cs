using Unico.IdCloud.PublicApi.Tests.Fixtures;
using Unico.IdCloud.PublicApi.Tests.Listing;

namespace Unico.IdCloud.PublicApi.Tests;

/// <summary>
/// The listing must show every detail a caller compiles against; each assertion names one detail that, if the lister
/// dropped it, would let an API break slip through unseen.
/// </summary>
public sealed class PublicApiListerTests
{
    private const string Ns = "Unico.IdCloud.PublicApi.Tests.Fixtures";

    private static readonly string[] Widget = Lines(PublicApiLister.Describe([typeof(SampleWidget), typeof(SampleWidget.Part)]));

    [Fact]
    public void Type_line_shows_kind_modifiers_and_interfaces()
    {
        Assert.Equal($"public sealed class {Ns}.SampleWidget : System.IDisposable", Widget[0]);
        Assert.Contains($"public class {Ns}.SampleWidget.Part", Widget);
    }

    [Fact]
    public void Method_shows_parameter_names_defaults_nullability_and_generic_return_types()
    {
        Assert.Contains(
            $"  public System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyDictionary<string, int?>> LoadAsync(string id, int retries = 3, {Ns}.SampleFlags flags = {Ns}.SampleFlags.Read, string? note = null, long? limit = null, System.Threading.CancellationToken cancellationToken = default)",
            Widget);
    }

    [Fact]
    public void Ref_kinds_params_constraints_and_flow_attributes_are_shown()
    {
        Assert.Contains("  public bool TryGet(string key, [NotNullWhen(true)] out string? value)", Widget);
        Assert.Contains("  public static T Pick<T>(ref T first, in T second, params T[] rest) where T : class, System.IComparable<T>, new()", Widget);
    }

    [Fact]
    public void Properties_fields_events_and_indexers_show_accessors_and_values()
    {
        Assert.Contains("  public const string Kind = \"widget\"", Widget);
        Assert.Contains("  public static readonly System.TimeSpan DefaultDelay", Widget);
        Assert.Contains("  public string? Label { get; init; }", Widget);
        Assert.Contains("  public required int Size { get; set; }", Widget);
        Assert.Contains("  public System.Collections.Generic.IReadOnlyList<string?> Tags { get; }", Widget);
        Assert.Contains("  public string this[int index] { get; }", Widget);
        Assert.Contains("  public event System.EventHandler<string>? Changed", Widget);
        Assert.Contains("  public int Number { get; protected internal set; }", Widget);
    }

    [Fact]
    public void Compiler_marker_on_constructors_of_types_with_required_members_is_not_reported_as_obsolete()
    {
        Assert.Contains("  public SampleWidget()", Widget);
    }

    [Fact]
    public void Private_internal_and_private_protected_members_and_types_are_not_listed()
    {
#pragma warning disable SAMPLE001 // the obsolete fixture is listed on purpose
        var listing = PublicApiLister.Describe(typeof(SampleWidget).Assembly.GetTypes().Where(t => t.Namespace == Ns));
        var baseLines = Lines(PublicApiLister.Describe([typeof(SampleBase)]));
#pragma warning restore SAMPLE001

        Assert.DoesNotContain("Invisible", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("FixtureCompiler", listing, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"[Obsolete(\"Use SampleWidget.\", DiagnosticId = \"SAMPLE001\")] public abstract class {Ns}.SampleBase",
                "  protected SampleBase()",
                "  public abstract string Name { get; }",
                "  protected internal virtual void OnChanged()",
            ],
            baseLines);
    }

    [Fact]
    public void Enums_interfaces_delegates_and_records_are_described()
    {
        var listing = Lines(PublicApiLister.Describe(
            [typeof(SampleFlags), typeof(ISampleSource<>), typeof(SampleCallback), typeof(SamplePoint)]));

        Assert.Contains($"[Flags] public enum {Ns}.SampleFlags : byte", listing);
        Assert.Contains("  Write = 2", listing);
        Assert.Contains($"public interface {Ns}.ISampleSource<out T> where T : notnull", listing);
        Assert.Contains($"  static abstract {Ns}.ISampleSource<T> Create()", listing);
        Assert.Contains("  System.Threading.Tasks.ValueTask<bool> MoveNextAsync(System.Threading.CancellationToken cancellationToken = default)", listing);
        Assert.Contains($"public delegate void {Ns}.SampleCallback(string name, ref int count)", listing);
        Assert.Contains($"public readonly record struct {Ns}.SamplePoint : System.IEquatable<{Ns}.SamplePoint>", listing);
        Assert.Contains("  public int X { get; init; }", listing);
    }

    [Fact]
    public void Interfaces_a_base_type_already_brings_are_left_to_the_base_type()
    {
        var listing = Lines(PublicApiLister.Describe([typeof(SampleException)]));

        Assert.Equal($"public class {Ns}.SampleException : System.Exception", listing[0]);
    }

    [Fact]
    public void Listing_is_the_same_every_time()
    {
        var assembly = typeof(SampleWidget).Assembly;

        Assert.Equal(PublicApiLister.Describe(assembly), PublicApiLister.Describe(assembly.GetTypes().Reverse()));
    }

    private static string[] Lines(string listing) => listing.TrimEnd('\n').Split('\n');
}
