using System.Globalization;
using EiRnn.Core.Errors;

namespace EiRnn.Cli.Seeds;

/// <summary>The seeds of `train --seeds`: ranges and lists such as "1-5", "1,3,7" or "1-3,10", in the order given, each once.</summary>
internal static class SeedList
{
    public const int MaxSeeds = 1000;

    public static IReadOnlyList<ulong> Parse(string text)
    {
        var seeds = new List<ulong>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !ends.All(e => ulong.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw Bad(text, $"'{part}' is neither a seed nor a range A-B");
            ulong from = ulong.Parse(ends[0], CultureInfo.InvariantCulture), to = ulong.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (to < from) throw Bad(text, $"range '{part}' ends before it starts");
            if (to - from >= MaxSeeds) throw Bad(text, $"more than {MaxSeeds} seeds");
            for (ulong s = from; ; s++) { if (!seeds.Contains(s)) seeds.Add(s); if (s == to) break; }
            if (seeds.Count > MaxSeeds) throw Bad(text, $"more than {MaxSeeds} seeds");
        }
        return seeds;
    }

    /// <summary>
    /// A config's list of seeds (the pipeline's train.seeds): as <see cref="Parse"/> allows, one to <see cref="MaxSeeds"/>
    /// seeds; a seed listed twice is refused rather than dropped, since a config states each seed on purpose.
    /// </summary>
    public static IReadOnlyList<ulong> Checked(IReadOnlyList<ulong> seeds, string field)
    {
        if (seeds.Count == 0) throw new ConfigException(field, "must list at least one seed, e.g. [1, 2, 3]");
        if (seeds.Count > MaxSeeds) throw new ConfigException(field, $"lists {seeds.Count} seeds; at most {MaxSeeds}");
        var twice = seeds.CountBy(s => s).FirstOrDefault(c => c.Value > 1);
        if (twice.Value > 1) throw new ConfigException(field, $"lists seed {twice.Key} more than once; list each seed once");
        return seeds;
    }

    private static ConfigException Bad(string text, string why) =>
        new("seeds", $"'{text}': {why}; expected seeds (unsigned integers) and ranges A-B separated by commas, e.g. 1-5 or 1,3,7, at most {MaxSeeds}");
}
