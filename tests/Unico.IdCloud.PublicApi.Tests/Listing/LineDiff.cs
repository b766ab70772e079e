using System.Text;

namespace Unico.IdCloud.PublicApi.Tests.Listing;

/// <summary>
/// A line diff in the unified style: <c>@@ -a,b +c,d @@</c> hunks, <c>- </c> for removed lines, <c>+ </c> for added
/// lines and a little unchanged context around them, so a reviewer sees which type a changed member belongs to.
/// </summary>
internal static class LineDiff
{
    /// <summary>Unchanged lines shown around each change.</summary>
    private const int Context = 2;

    /// <summary>The diff from <paramref name="before"/> to <paramref name="after"/>; empty when they are equal.</summary>
    /// <param name="before">The old lines.</param>
    /// <param name="after">The new lines.</param>
    /// <param name="beforeLabel">Names the old side in the <c>---</c> line.</param>
    /// <param name="afterLabel">Names the new side in the <c>+++</c> line.</param>
    /// <param name="isHeading">
    /// Recognises section headings (in a listing: the type lines); each hunk header names the nearest heading above the
    /// hunk, as <c>git diff</c> names the enclosing function, so a change far below its type still says where it is.
    /// </param>
    public static string Unified(
        IReadOnlyList<string> before,
        IReadOnlyList<string> after,
        string beforeLabel,
        string afterLabel,
        Func<string, bool>? isHeading = null)
    {
        var edits = Edits(before, after);
        if (edits.All(e => e.Kind == ' '))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(beforeLabel).Append('\n');
        text.Append("+++ ").Append(afterLabel).Append('\n');

        var index = 0;
        while (index < edits.Count)
        {
            var firstChange = edits.FindIndex(index, e => e.Kind != ' ');
            if (firstChange < 0)
            {
                break;
            }

            // A hunk runs from a change until more than 2 × Context unchanged lines separate it from the next change.
            var start = Math.Max(index, firstChange - Context);
            var end = firstChange;
            for (var unchanged = 0; end < edits.Count; end++)
            {
                unchanged = edits[end].Kind == ' ' ? unchanged + 1 : 0;
                if (unchanged > 2 * Context)
                {
                    end -= Context;
                    break;
                }
            }

            end = Math.Min(end, edits.Count);
            while (end - Context > firstChange && edits.Skip(end - Context - 1).Take(Context + 1).All(e => e.Kind == ' '))
            {
                end--;
            }

            var hunk = edits.GetRange(start, end - start);
            var beforeStart = hunk.FirstOrDefault(e => e.BeforeLine > 0)?.BeforeLine ?? 0;
            var afterStart = hunk.FirstOrDefault(e => e.AfterLine > 0)?.AfterLine ?? 0;
            text.Append("@@ -").Append(beforeStart).Append(',').Append(hunk.Count(e => e.Kind != '+'))
                .Append(" +").Append(afterStart).Append(',').Append(hunk.Count(e => e.Kind != '-')).Append(" @@");
            var heading = isHeading is null ? null : edits.Take(start).LastOrDefault(e => isHeading(e.Line));
            if (heading is not null)
            {
                text.Append(' ').Append(heading.Line);
            }

            text.Append('\n');
            foreach (var edit in hunk)
            {
                text.Append(edit.Kind).Append(' ').Append(edit.Line).Append('\n');
            }

            index = end;
        }

        return text.ToString();
    }

    /// <summary>
    /// The shortest edit script by longest common subsequence. The shared head and tail are peeled off first, so the
    /// quadratic table only covers the changed middle (listings differ in a few lines).
    /// </summary>
    private static List<Edit> Edits(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var head = 0;
        while (head < before.Count && head < after.Count && before[head] == after[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < before.Count - head && tail < after.Count - head
            && before[before.Count - 1 - tail] == after[after.Count - 1 - tail])
        {
            tail++;
        }

        var n = before.Count - head - tail;
        var m = after.Count - head - tail;
        var common = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                common[i, j] = before[head + i] == after[head + j]
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var edits = new List<Edit>(before.Count + after.Count);
        for (var k = 0; k < head; k++)
        {
            edits.Add(new Edit(' ', before[k], k + 1, k + 1));
        }

        int b = 0, a = 0;
        while (b < n || a < m)
        {
            if (b < n && a < m && before[head + b] == after[head + a])
            {
                edits.Add(new Edit(' ', before[head + b], head + b + 1, head + a + 1));
                b++;
                a++;
            }
            else if (b < n && (a == m || common[b + 1, a] >= common[b, a + 1]))
            {
                edits.Add(new Edit('-', before[head + b], head + b + 1, 0));
                b++;
            }
            else
            {
                edits.Add(new Edit('+', after[head + a], 0, head + a + 1));
                a++;
            }
        }

        for (var k = 0; k < tail; k++)
        {
            edits.Add(new Edit(' ', before[head + n + k], head + n + k + 1, head + m + k + 1));
        }

        return edits;
    }

    private sealed record Edit(char Kind, string Line, int BeforeLine, int AfterLine);
}
