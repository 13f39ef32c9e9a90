namespace EiRnn.Tasks.Contract;

/// <summary>Declared <see cref="TaskCapabilities"/> name only the task's own condition columns (of the right kind) and periods:
/// checked for a dataset manifest (ManifestValidation) and for a task file's <c>capabilities</c> key (docs/task-files.md#capabilities).
/// <c>need</c> is called with (condition, key path such as capabilities.evidence.column, problem).</summary>
public static class CapabilityValidation
{
    public static void Check(TaskCapabilities c, IReadOnlyList<ConditionColumn> columns, IReadOnlyList<string> periods, Action<bool, string, string> need)
    {
        void Column(string? name, string key, params ConditionColumnKind[] kinds)
        {
            if (name is null) return;
            var col = columns.FirstOrDefault(x => x.Name == name);
            need(col.Name is not null, $"capabilities.{key}", $"names '{name}', which is not a condition column");
            need(kinds.Length == 0 || kinds.Contains(col.Kind), $"capabilities.{key}", $"names '{name}', a {col.Kind} column; expected {string.Join(" or ", kinds)}");
        }
        void Period(string? name, string key)
        {
            if (name is null) return;
            need(periods.Contains(name), $"capabilities.{key}", $"names '{name}', which is not one of the period names");
        }
        var numeric = new[] { ConditionColumnKind.Double, ConditionColumnKind.Int32 };
        foreach (var (e, key) in new[] { (c.Evidence, "evidence"), (c.SecondEvidence, "second_evidence") })
        {
            if (e is null) continue;
            Column(e.Column, $"{key}.column", numeric);
            Column(e.SubtractColumn, $"{key}.subtract_column", numeric);
        }
        if (c.Context is { } ctx)
        {
            Column(ctx.Column, "context.column", ConditionColumnKind.String);
            need(c.Evidence is not null && (ctx.Levels.Count == 1 || ctx.Levels.Count == 2 && c.SecondEvidence is not null), "capabilities.context.levels",
                "needs one evidence factor per level (evidence, second_evidence)");
        }
        if (c.Cues is { } cues) Column(cues.Column, "cues.column", ConditionColumnKind.String);
        if (c.Category is { } cat) { Column(cat.StimulusColumn, "category.stimulus_column", numeric); Column(cat.CategoryColumn, "category.category_column"); }
        if (c.Pairs is { } pairs)
        {
            Column(pairs.FirstColumn, "pairs.first_column", numeric);
            Column(pairs.SecondColumn, "pairs.second_column", numeric);
            Period(pairs.FirstPeriod, "pairs.first_period");
            Period(pairs.MemoryPeriod, "pairs.memory_period");
            Period(pairs.SecondPeriod, "pairs.second_period");
        }
        if (c.DurationVariation is { } d) Column(d.Column, "duration_variation.column", numeric);
        if (c.Sequence is { } s) Column(s.Column, "sequence.column", ConditionColumnKind.Int32);
        if (c.EvidencePeriods is { } ps)
            for (int i = 0; i < ps.Count; i++) Period(ps[i], $"evidence_periods[{i}]");
        Column(c.CatchColumn, "catch_column", ConditionColumnKind.Bool);
    }
}
