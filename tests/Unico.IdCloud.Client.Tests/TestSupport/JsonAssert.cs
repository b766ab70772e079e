using System.Globalization;
using System.Text.Json;
using Xunit.Sdk;

namespace Unico.IdCloud.Client.Tests.TestSupport;

/// <summary>
/// Asserts that two JSON documents are equivalent: same structure, same property names (order ignored), same JSON
/// value kinds (a number stays a number, a string a string) and same values (strings ordinal; numbers by value, so
/// <c>1.0</c> equals <c>1</c> but <c>"1"</c> does not). Reports the JSON path of the first difference.
/// </summary>
public static class JsonAssert
{
    public static void Equivalent(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        Equivalent(expected.RootElement, actual.RootElement);
    }

    public static void Equivalent(JsonElement expected, JsonElement actual)
    {
        if (FindDifference(expected, actual, "$") is { } difference)
        {
            throw new XunitException(
                $"JSON documents differ at {difference}.{Environment.NewLine}Expected: {expected.GetRawText()}{Environment.NewLine}Actual:   {actual.GetRawText()}");
        }
    }

    /// <summary>Returns a description of the first difference, or null when equivalent.</summary>
    public static string? FindDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected a {expected.ValueKind} but found a {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = ToDictionary(expected, path, out var duplicate);
                if (duplicate is not null)
                {
                    return duplicate;
                }

                var actualProperties = ToDictionary(actual, path, out duplicate);
                if (duplicate is not null)
                {
                    return duplicate;
                }

                foreach (var (name, value) in expectedProperties)
                {
                    if (!actualProperties.TryGetValue(name, out var actualValue))
                    {
                        return $"{path}.{name}: property missing";
                    }

                    if (FindDifference(value, actualValue, $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                foreach (var name in actualProperties.Keys)
                {
                    if (!expectedProperties.ContainsKey(name))
                    {
                        return $"{path}.{name}: unexpected property";
                    }
                }

                return null;

            case JsonValueKind.Array:
                var expectedLength = expected.GetArrayLength();
                var actualLength = actual.GetArrayLength();
                if (expectedLength != actualLength)
                {
                    return $"{path}: expected {expectedLength} array items but found {actualLength}";
                }

                for (var i = 0; i < expectedLength; i++)
                {
                    if (FindDifference(expected[i], actual[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal)
                    ? null
                    : $"{path}: expected string {expected.GetRawText()} but found {actual.GetRawText()}";

            case JsonValueKind.Number:
                return NumbersEqual(expected, actual)
                    ? null
                    : $"{path}: expected number {expected.GetRawText()} but found {actual.GetRawText()}";

            default:
                // true, false, null: equal kinds are equal values.
                return null;
        }
    }

    private static Dictionary<string, JsonElement> ToDictionary(JsonElement element, string path, out string? duplicate)
    {
        duplicate = null;
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                duplicate = $"{path}.{property.Name}: duplicate property";
            }
        }

        return properties;
    }

    private static bool NumbersEqual(JsonElement expected, JsonElement actual)
    {
        var expectedText = expected.GetRawText();
        var actualText = actual.GetRawText();
        if (expectedText == actualText)
        {
            return true;
        }

        const NumberStyles style = NumberStyles.Float;
        if (decimal.TryParse(expectedText, style, CultureInfo.InvariantCulture, out var e)
            && decimal.TryParse(actualText, style, CultureInfo.InvariantCulture, out var a))
        {
            return e == a;
        }

        return double.Parse(expectedText, style, CultureInfo.InvariantCulture)
            .Equals(double.Parse(actualText, style, CultureInfo.InvariantCulture));
    }
}
