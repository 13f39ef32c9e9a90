using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace EiRnn.Cli;

/// <summary>
/// Options and arguments whose value is one member of an enum, spelled as the config files spell it (kebab-case, e.g.
/// <c>lanes</c>, <c>cuda</c>, <c>train</c>): help lists the values and the default in that spelling, and any other word
/// (or a number) is a parse error naming the option and its values, which the CLI reports as bad input (exit 2).
/// </summary>
internal static class EnumOption
{
    /// <summary>
    /// An enum option that defaults to <paramref name="defaultValue"/>, which must be the enum's first member (value 0): an
    /// absent option then reads as it without a default-value factory, whose help text would spell it in PascalCase
    /// (System.CommandLine prints the value's ToString); help shows <c>[default: cpu]</c> through the description instead.
    /// </summary>
    public static Option<T> Create<T>(string name, string description, T defaultValue) where T : struct, Enum
    {
        if (!EqualityComparer<T>.Default.Equals(defaultValue, default))
            throw new ArgumentException($"{name}: the default {defaultValue} must be the enum's first member; use Optional and '?? default'", nameof(defaultValue));
        return new(name)
        {
            Description = WithDefault(description, defaultValue),
            HelpName = HelpName<T>(),
            CustomParser = result => Parse<T>(result, name) ?? defaultValue,
        };
    }

    /// <summary>
    /// An enum option whose absence means null: "let the settings decide", or, given <paramref name="shownDefault"/>, the
    /// value the caller substitutes (<c>parse.GetValue(option) ?? shownDefault</c>), which help then shows.
    /// </summary>
    public static Option<T?> Optional<T>(string name, string description, T? shownDefault = null) where T : struct, Enum => new(name)
    {
        Description = shownDefault is { } d ? WithDefault(description, d) : description,
        HelpName = HelpName<T>(),
        CustomParser = result => Parse<T>(result, name),
    };

    /// <summary>A required positional argument that is one member of an enum.</summary>
    public static Argument<T> Argument<T>(string name, string description) where T : struct, Enum => new(name)
    {
        Description = description,
        HelpName = HelpName<T>(),
        CustomParser = result => Parse<T>(result, name) ?? default,
    };

    /// <summary>A member as the config files and the command line spell it (kebab-case, e.g. <c>psychrnn</c>).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static IEnumerable<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Name);

    private static string HelpName<T>() where T : struct, Enum => string.Join('|', Names<T>());

    private static string WithDefault<T>(string description, T value) where T : struct, Enum => $"{description} [default: {Name(value)}]";

    private static T? Parse<T>(ArgumentResult result, string name) where T : struct, Enum
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(Name(value), token, StringComparison.OrdinalIgnoreCase)) return value;
        var names = Names<T>().ToArray();
        result.AddError(names.Length == 1
            ? $"'{name}' must be {names[0]}, got '{token}'"
            : $"'{name}' must be {string.Join(", ", names[..^1])} or {names[^1]}, got '{token}'");
        return null;
    }
}
