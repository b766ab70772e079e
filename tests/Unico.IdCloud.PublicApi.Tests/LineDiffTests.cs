using Unico.IdCloud.PublicApi.Tests.Listing;

namespace Unico.IdCloud.PublicApi.Tests;

public sealed class LineDiffTests
{
    [Fact]
    public void Equal_inputs_give_no_diff()
    {
        Assert.Equal(string.Empty, LineDiff.Unified(["a", "b"], ["a", "b"], "old", "new"));
    }

    [Fact]
    public void Changes_far_apart_get_separate_hunks_with_two_lines_of_context()
    {
        string[] before = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
        string[] after = ["1", "2", "3", "x", "4", "5", "6", "7", "8", "9", "10", "12"];

        var diff = LineDiff.Unified(before, after, "old", "new");

        Assert.Equal(
            """
            --- old
            +++ new
            @@ -2,4 +2,5 @@
              2
              3
            + x
              4
              5
            @@ -9,4 +10,3 @@
              9
              10
            - 11
              12

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            diff);
    }

    [Fact]
    public void A_replaced_line_is_shown_as_removal_then_addition()
    {
        var diff = LineDiff.Unified(["keep", "old member"], ["keep", "new member"], "a", "b");

        Assert.EndsWith("  keep\n- old member\n+ new member\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunk_header_names_the_nearest_heading_above_the_change()
    {
        string[] before = ["class A", "  m1", "class B", "  m1", "  m2", "  m3", "  m4", "  m5"];
        string[] after = ["class A", "  m1", "class B", "  m1", "  m2", "  m3", "  m4", "  m5", "  m6"];

        var diff = LineDiff.Unified(before, after, "old", "new", line => !line.StartsWith(' '));

        Assert.Contains("@@ -7,2 +7,3 @@ class B\n", diff, StringComparison.Ordinal);
    }
}
