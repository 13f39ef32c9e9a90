using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace EiRnn.Cli;

/// <summary>
/// Options whose value is one member of an enum, spelled as the config files spell it (kebab-case, e.g. <c>lanes</c>,
/// <c>cuda</c>, <c>train</c>): help lists the values, and any other word (or a number) is a parse error naming the
/// option and its values, which the CLI reports as bad input (exit 2).
/// </summary>
internal static class EnumOption
{
    public static Option<T> Create<T>(string name, string description, T defaultValue) where T : struct, Enum => new(name)
    {
        Description = description,
        HelpName = string.Join('|', Names<T>()),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse<T>(result, name) ?? defaultValue,
    };

    /// <summary>An enum option whose absence means "let the settings decide" (null).</summary>
    public static Option<T?> Optional<T>(string name, string description) where T : struct, Enum => new(name)
    {
        Description = description,
        HelpName = string.Join('|', Names<T>()),
        CustomParser = result => Parse<T>(result, name),
    };

    private static IEnumerable<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Name);

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static T? Parse<T>(ArgumentResult result, string name) where T : struct, Enum
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(Name(value), token, StringComparison.OrdinalIgnoreCase)) return value;
        result.AddError($"{name} must be {string.Join(", ", Names<T>().SkipLast(1))} or {Names<T>().Last()}, got '{token}'");
        return null;
    }
}
