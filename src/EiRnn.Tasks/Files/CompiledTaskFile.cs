using System.Globalization;
using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Files;

/// <summary>
/// A task file checked and compiled for given parameter values: every name resolved, every expression parsed.
/// Anything the format cannot express is a <see cref="ConfigException"/> naming the key path
/// (docs/task-files.md#errors).
/// </summary>
internal sealed class CompiledTaskFile
{
    public const string FormatTag = "eirnn-task/1";

    public required string SourceJson { get; init; }
    public required TaskDescription Description { get; init; }
    public required IReadOnlyDictionary<string, double> ParameterValues { get; init; }
    public required double[] ParameterSlots { get; init; }
    public required int DtSlot { get; init; }
    public required int SlotCount { get; init; }
    public required IReadOnlyList<CompiledFactor> Factors { get; init; }
    public required IReadOnlyList<int> LabelFactors { get; init; }
    public required IReadOnlyList<CompiledColumn> Columns { get; init; }
    public TaskExpression? Choice { get; init; }
    public TaskExpression? ChoiceWhen { get; init; }
    public required IReadOnlyList<double[]> GridValues { get; init; }
    public required bool TestGrid { get; init; }
    public required IReadOnlyList<double[]> TestExtra { get; init; }
    public CompiledCatch? Catch { get; init; }
    public required TaskFileGrid Grid { get; init; }
    public required bool FloorDrawn { get; init; }
    public TaskExpression? TrialMs { get; init; }
    public required IReadOnlyList<CompiledPeriod> Periods { get; init; }
    public TaskExpression? NoiseStd { get; init; }
    public required TaskFileScoring Scoring { get; init; }
    /// <summary>Whether trial lengths vary (drawn durations on the pycog grid without a fixed trial length).</summary>
    public required bool VariableLength { get; init; }

    public static CompiledTaskFile Compile(TaskFileSpec spec, string sourceJson, string source, IReadOnlyDictionary<string, double>? parameters)
    {
        var c = new Compiler(source);
        return c.Run(spec, sourceJson, parameters ?? new Dictionary<string, double>());
    }

    private sealed class Compiler(string source)
    {
        private ConfigException Bad(string key, string problem) => new(key, $"{problem} (in {source})");

        private static readonly HashSet<string> Reserved = ["dt", "sqrt", "catch", "choice"];

        public CompiledTaskFile Run(TaskFileSpec s, string json, IReadOnlyDictionary<string, double> given)
        {
            if (s.Format != FormatTag) throw Bad("format", $"must be \"{FormatTag}\", got \"{s.Format}\"");
            if (string.IsNullOrWhiteSpace(s.Name) || !s.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
                throw Bad("name", $"must be letters, digits, '-', '_' or '.', got \"{s.Name}\"");
            Names(s.Inputs, "inputs");
            Names(s.Outputs, "outputs");
            int nin = s.Inputs.Count, nout = s.Outputs.Count;

            // Slots: parameters, dt, then factors (a table: its row index, then its columns).
            var slots = new Dictionary<string, int>(StringComparer.Ordinal);
            var parameterValues = new Dictionary<string, double>(StringComparer.Ordinal);
            var ps = s.Parameters ?? [];
            for (int i = 0; i < ps.Count; i++)
            {
                string key = $"parameters[{i}]";
                var p = ps[i] ?? throw Bad(key, "must be an object");
                Identifier(p.Name, $"{key}.name", slots);
                if (!double.IsFinite(p.Default)) throw Bad($"{key}.default", "must be a finite number");
                double v = given.TryGetValue(p.Name, out var g) ? g : p.Default;
                if (!double.IsFinite(v) || (p.Min is double lo && v < lo) || (p.Max is double hi && v > hi))
                    throw new ConfigException(p.Name, $"must be a number in [{p.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, " +
                                                      $"{p.Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}], got {v.ToString(CultureInfo.InvariantCulture)}");
                slots[p.Name] = slots.Count;
                parameterValues[p.Name] = v;
            }
            foreach (var k in given.Keys)
                if (!parameterValues.ContainsKey(k)) throw new ConfigException(k, $"is not a parameter of task file:{s.Name} (parameters: {string.Join(", ", parameterValues.Keys)})");
            var parameterSlots = parameterValues.Values.ToArray();
            _parameterValuesForConstants = parameterSlots;
            _parameterNames = [.. parameterValues.Keys];
            var staticSlots = new Dictionary<string, int>(slots);
            int dtSlot = slots.Count;
            slots["dt"] = dtSlot;
            var dtSlots = new Dictionary<string, int>(slots);

            var factors = new List<CompiledFactor>();
            var fs = s.Factors ?? [];
            for (int i = 0; i < fs.Count; i++)
            {
                string key = $"factors[{i}]";
                var f = fs[i] ?? throw Bad(key, "must be an object");
                Identifier(f.Name, $"{key}.name", slots);
                int slot = slots.Count;
                slots[f.Name] = slot;
                int count;
                double[][]? rows = null;
                double[]? values = null;
                int[] columnSlots = [];
                if (f.Values is not null)
                {
                    if (f.Columns is not null || f.Rows is not null) throw Bad(key, "has values and a table (columns, rows); give one");
                    if (f.Values.Count == 0) throw Bad($"{key}.values", "must list at least one value");
                    values = f.Values.ToArray();
                    for (int j = 0; j < values.Length; j++) if (!double.IsFinite(values[j])) throw Bad($"{key}.values[{j}]", "must be a finite number");
                    count = values.Length;
                }
                else
                {
                    if (f.Columns is null) throw Bad($"{key}.values", "is missing (a factor needs values, a table columns and rows)");
                    if (f.Rows is null) throw Bad($"{key}.rows", "is missing (a table needs columns and rows)");
                    if (f.Columns.Count == 0) throw Bad($"{key}.columns", "must name at least one column");
                    if (f.Rows.Count == 0) throw Bad($"{key}.rows", "must list at least one row");
                    columnSlots = new int[f.Columns.Count];
                    for (int j = 0; j < f.Columns.Count; j++)
                    {
                        Identifier(f.Columns[j], $"{key}.columns[{j}]", slots);
                        columnSlots[j] = slots.Count;
                        slots[f.Columns[j]] = slots.Count;
                    }
                    rows = new double[f.Rows.Count][];
                    for (int r = 0; r < rows.Length; r++)
                    {
                        var row = f.Rows[r] ?? throw Bad($"{key}.rows[{r}]", "must be a list of numbers");
                        if (row.Count != columnSlots.Length) throw Bad($"{key}.rows[{r}]", $"has {row.Count} values, expected {columnSlots.Length} (one per column)");
                        for (int j = 0; j < row.Count; j++) if (!double.IsFinite(row[j])) throw Bad($"{key}.rows[{r}][{j}]", "must be a finite number");
                        rows[r] = row.ToArray();
                    }
                    count = rows.Length;
                }
                double[]? cumulative = null;
                if (f.Probabilities is { } pr)
                {
                    if (pr.Count != count) throw Bad($"{key}.probabilities", $"has {pr.Count} entries, expected {count}");
                    cumulative = new double[count];
                    double sum = 0;
                    for (int j = 0; j < count; j++)
                    {
                        double pj = Constant(pr[j], staticSlots, $"{key}.probabilities[{j}]");
                        if (!(pj >= 0 && pj <= 1)) throw Bad($"{key}.probabilities[{j}]", $"must lie in [0, 1], got {pj}");
                        sum += pj; cumulative[j] = sum;
                    }
                    if (Math.Abs(sum - 1) > 1e-9) throw Bad($"{key}.probabilities", $"must sum to 1, got {sum.ToString("R", CultureInfo.InvariantCulture)}");
                    cumulative[^1] = double.PositiveInfinity;
                }
                factors.Add(new CompiledFactor(f.Name, slot, values, rows, columnSlots, cumulative));
            }
            var conditionSlots = new Dictionary<string, int>(slots);
            conditionSlots.Remove("dt");

            var labels = new List<int>();
            var ls = s.Labels ?? [];
            for (int i = 0; i < ls.Count; i++)
            {
                int f = factors.FindIndex(x => x.Name == ls[i]);
                if (f < 0) throw Bad($"labels[{i}]", $"'{ls[i]}' is not a factor (factors: {string.Join(", ", factors.Select(x => x.Name))})");
                if (labels.Contains(f)) throw Bad($"labels[{i}]", $"'{ls[i]}' is listed twice");
                labels.Add(f);
            }

            if (s.Periods is null || s.Periods.Count == 0) throw Bad("periods", "must list at least one period");
            var periodNames = new List<string>();
            for (int i = 0; i < s.Periods.Count; i++)
            {
                var p = s.Periods[i] ?? throw Bad($"periods[{i}]", "must be an object");
                if (string.IsNullOrWhiteSpace(p.Name)) throw Bad($"periods[{i}].name", "must not be empty");
                if (periodNames.Contains(p.Name)) throw Bad($"periods[{i}].name", $"'{p.Name}' is used twice");
                periodNames.Add(p.Name);
            }

            var columns = new List<CompiledColumn>();
            var cs = s.Columns ?? [];
            for (int i = 0; i < cs.Count; i++)
            {
                string key = $"columns[{i}]";
                var col = cs[i] ?? throw Bad(key, "must be an object");
                if (string.IsNullOrWhiteSpace(col.Name)) throw Bad($"{key}.name", "must not be empty");
                if (col.Name == "catch" || columns.Any(x => x.Column.Name == col.Name)) throw Bad($"{key}.name", $"'{col.Name}' is used twice (catch is added by itself)");
                if ((col.Value is null) == (col.Duration is null)) throw Bad(key, "needs exactly one of value and duration");
                int? durationOf = null;
                TaskExpression? value = null;
                if (col.Duration is not null)
                {
                    durationOf = periodNames.IndexOf(col.Duration);
                    if (durationOf < 0) throw Bad($"{key}.duration", $"'{col.Duration}' is not a period (periods: {string.Join(", ", periodNames)})");
                }
                else value = Expr(col.Value!, conditionSlots, $"{key}.value");
                var kind = col.Type switch
                {
                    TaskFileColumnType.Int32 => ConditionColumnKind.Int32,
                    TaskFileColumnType.Double => ConditionColumnKind.Double,
                    TaskFileColumnType.Bool => ConditionColumnKind.Bool,
                    _ => throw Bad($"{key}.type", $"'{col.Type}' is not a column type"),
                };
                columns.Add(new CompiledColumn(new ConditionColumn(col.Name, kind, col.Description ?? ""), value, durationOf));
            }

            TaskExpression? choice = null, choiceWhen = null;
            if (s.Choice is { } ch)
            {
                choice = Expr(ch.Value, conditionSlots, "choice.value");
                if (ch.When is not null) choiceWhen = Expr(ch.When, conditionSlots, "choice.when");
            }

            // Validation and test conditions (column-major: the first factor varies fastest).
            var grid = new List<double[]>();
            if (factors.Count > 0)
            {
                var index = new int[factors.Count];
                while (true)
                {
                    grid.Add(factors.Select((f, j) => f.ValueAt(index[j])).ToArray());
                    int d = 0;
                    while (d < factors.Count && ++index[d] == factors[d].Count) index[d++] = 0;
                    if (d == factors.Count) break;
                }
            }
            else grid.Add([]);
            bool testGrid = s.Test?.Grid ?? true;
            var extra = new List<double[]>();
            var es = s.Test?.Extra ?? [];
            for (int i = 0; i < es.Count; i++)
            {
                string key = $"test.extra[{i}]";
                var e = es[i] ?? throw Bad(key, "must be an object");
                foreach (var k in e.Keys)
                    if (factors.All(f => f.Name != k)) throw Bad($"{key}.{k}", $"is not a factor (factors: {string.Join(", ", factors.Select(x => x.Name))})");
                var v = new double[factors.Count];
                for (int j = 0; j < factors.Count; j++)
                {
                    if (e.TryGetValue(factors[j].Name, out double x))
                    {
                        if (!double.IsFinite(x)) throw Bad($"{key}.{factors[j].Name}", "must be a finite number");
                        if (factors[j].IsTable && (x != Math.Floor(x) || x < 0 || x >= factors[j].Count))
                            throw Bad($"{key}.{factors[j].Name}", $"must be a row index 0..{factors[j].Count - 1} of table {factors[j].Name}, got {x}");
                        v[j] = x;
                    }
                    else if (labels.Contains(j)) v[j] = double.NaN;
                    else throw Bad($"{key}.{factors[j].Name}", "is missing (only labels may be left open)");
                }
                extra.Add(v);
            }
            if (!testGrid && extra.Count == 0) throw Bad("test", "has no conditions (grid false and no extra)");

            CompiledCatch? catchPlan = null;
            if (s.Catch is { } ct)
            {
                double prob = Constant(ct.Probability, staticSlots, "catch.probability");
                if (!(prob >= 0 && prob <= 1)) throw Bad("catch.probability", $"must lie in [0, 1], got {prob}");
                double ms = Constant(ct.DurationMs, staticSlots, "catch.duration_ms");
                if (!(ms > 0)) throw Bad("catch.duration_ms", $"must be > 0 ms, got {ms}");
                var targets = new float[nout];
                if (ct.Targets is { } tt)
                    foreach (var (k, v) in tt)
                    {
                        int o = s.Outputs.ToList().IndexOf(k);
                        if (o < 0) throw Bad($"catch.targets.{k}", $"is not an output (outputs: {string.Join(", ", s.Outputs)})");
                        targets[o] = (float)Constant(v, staticSlots, $"catch.targets.{k}");
                    }
                float mask = ct.Mask is null ? 1f : (float)Constant(ct.Mask, staticSlots, "catch.mask");
                string name = ct.Period ?? "catch";
                catchPlan = new CompiledCatch(prob, ms, string.IsNullOrWhiteSpace(name) ? throw Bad("catch.period", "must not be empty") : name, targets, mask);
            }

            var timing = s.Timing ?? throw Bad("timing", "is required");
            TaskExpression? trialMs = timing.TrialMs is null ? null : Expr(timing.TrialMs, conditionSlots, "timing.trial_ms");
            if (timing.Grid == TaskFileGrid.Psychrnn && trialMs is null) throw Bad("timing.trial_ms", "is required on the psychrnn grid (its samples are k*dt for k < ceil(T/dt))");

            bool variable = false;
            var periods = new List<CompiledPeriod>();
            var trialSlots = new Dictionary<string, int>(slots);
            for (int i = 0; i < s.Periods.Count; i++)
            {
                string key = $"periods[{i}]";
                var p = s.Periods[i];
                bool last = i == s.Periods.Count - 1;
                var train = Duration(p.Duration, trialSlots, $"{key}.duration", last, trialMs is not null);
                var test = p.TestDuration is null ? train : Duration(p.TestDuration, trialSlots, $"{key}.test_duration", last, trialMs is not null);
                if (train.Rest != test.Rest) throw Bad($"{key}.test_duration", "must be rest when duration is rest");
                if (last && trialMs is not null && !train.Rest) throw Bad($"{key}.duration", "must be {\"rest\": true}: with timing.trial_ms the last period fills the rest");
                variable |= !train.IsFixed || !test.IsFixed;
                if (timing.Grid == TaskFileGrid.Pycog && (p.StartInclusive is not null || p.EndInclusive is not null))
                    throw Bad($"{key}.{(p.StartInclusive is not null ? "start_inclusive" : "end_inclusive")}", "applies to the psychrnn grid only (pycog periods are start < t <= end)");
                var fill = Fill(p.Inputs, p.Targets, p.Mask, s, trialSlots, key, choice is not null);
                var windows = new List<CompiledWindow>();
                var ws = p.Windows ?? [];
                for (int w = 0; w < ws.Count; w++)
                {
                    var win = ws[w] ?? throw Bad($"{key}.windows[{w}]", "must be an object");
                    windows.Add(new CompiledWindow(Expr(win.StartOffsetMs, trialSlots, $"{key}.windows[{w}].start_offset_ms"),
                        Fill(win.Inputs, win.Targets, win.Mask, s, trialSlots, $"{key}.windows[{w}]", choice is not null)));
                }
                periods.Add(new CompiledPeriod(p.Name, train, test, p.StartInclusive ?? true, p.EndInclusive ?? false, train.Rest, fill, windows));
            }

            TaskExpression? noise = s.Noise is null ? null : Expr(s.Noise.Std, dtSlots, "noise.std");

            var sc = s.Scoring ?? throw Bad("scoring", "is required");
            foreach (var (rule, key) in new[] { (sc.Choice, "scoring.choice"), (sc.ValidationChoice ?? sc.Choice, "scoring.validation_choice") })
            {
                if (rule is TaskFileChoiceRule.PeriodEnd or TaskFileChoiceRule.Threshold)
                {
                    if (sc.Period is null) throw Bad("scoring.period", $"is required by {key} {Kebab(rule.ToString())}");
                    if (!periodNames.Contains(sc.Period)) throw Bad("scoring.period", $"'{sc.Period}' is not a period (periods: {string.Join(", ", periodNames)})");
                }
                if (rule == TaskFileChoiceRule.Threshold && sc.Threshold is not double th) throw Bad("scoring.threshold", $"is required by {key} threshold");
                if (rule is TaskFileChoiceRule.TrialEnd or TaskFileChoiceRule.PeriodEnd or TaskFileChoiceRule.Threshold && choice is null)
                    throw Bad("choice", $"is required by {key} {Kebab(rule.ToString())}");
            }
            if (sc.Threshold is double t0 && !double.IsFinite(t0)) throw Bad("scoring.threshold", "must be a finite number");

            var cr = s.Criterion ?? throw Bad("criterion", "is required");
            if (!(cr.Threshold >= 0 && cr.Threshold <= 1)) throw Bad("criterion.threshold", $"must lie in [0, 1], got {cr.Threshold}");
            if (cr.Window < 1) throw Bad("criterion.window", $"must be >= 1, got {cr.Window}");
            var metric = cr.Metric == TaskFileMetric.Accuracy ? TaskMetric.Accuracy : TaskMetric.PercentCorrect;

            var n = s.Network ?? throw Bad("network", "is required");
            if (n.N < 2) throw Bad("network.n", $"must be >= 2, got {n.N}");
            if (n.ExcitatoryFraction is double ef && !(ef > 0 && ef < 1)) throw Bad("network.excitatory_fraction", $"must lie in (0, 1), got {ef}");
            if (n.TauMs is double tau && !(tau > 0 && double.IsFinite(tau))) throw Bad("network.tau_ms", $"must be > 0, got {tau}");
            if (!(n.DtMs > 0 && double.IsFinite(n.DtMs))) throw Bad("network.dt_ms", $"must be > 0, got {n.DtMs}");
            if (n.SigmaIn is double si && !(si >= 0)) throw Bad("network.sigma_in", $"must be >= 0, got {si}");
            if (n.SigmaRec is double sr && !(sr >= 0)) throw Bad("network.sigma_rec", $"must be >= 0, got {sr}");
            if (n.BatchSize < 1) throw Bad("network.batch_size", $"must be >= 1, got {n.BatchSize}");
            if (n.ValidationTrials < 1) throw Bad("network.validation_trials", $"must be >= 1, got {n.ValidationTrials}");
            var defaults = new TaskNetworkDefaults
            {
                Preset = n.Preset, N = n.N, DtTrainMs = (float)n.DtMs, BatchSize = n.BatchSize, ValidationTrials = n.ValidationTrials,
            };
            if (n.ExcitatoryFraction is double e1) defaults = defaults with { ExcitatoryFraction = e1 };
            if (n.Dale is bool dale) defaults = defaults with { Dale = dale };
            if (n.TauMs is double tau1) defaults = defaults with { TauMs = (float)tau1 };
            if (n.SigmaIn is double si1) defaults = defaults with { SigmaIn = (float)si1 };
            if (n.SigmaRec is double sr1) defaults = defaults with { SigmaRec = (float)sr1 };

            var capabilities = s.Capabilities ?? TaskCapabilities.None;
            if (s.Capabilities is not null)
            {
                // The columns of the trials table: the file's, then the catch column every file task has.
                var tableColumns = columns.Select(x => x.Column).Append(new ConditionColumn("catch", ConditionColumnKind.Bool, "")).ToArray();
                CapabilityValidation.Check(capabilities, tableColumns, periodNames, (ok, key, problem) => { if (!ok) throw Bad(key, problem); });
            }

            var description = new TaskDescription
            {
                Name = TaskFiles.Prefix + s.Name,
                Summary = s.Summary ?? $"task file {s.Name}",
                InputNames = s.Inputs.ToArray(),
                OutputNames = s.Outputs.ToArray(),
                PeriodNames = periodNames.ToArray(),
                Criterion = new StoppingCriterion(metric, cr.Threshold, cr.Window, cr.Strict),
                CatchProbability = catchPlan?.Probability ?? 0,
                InputsNonNegative = s.InputsNonNegative ?? noise is null,
                TimeGrid = timing.Grid == TaskFileGrid.Psychrnn ? TimeGrid.PsychRnn : TimeGrid.Pycog,
                Defaults = defaults,
                Capabilities = capabilities,
            };
            return new CompiledTaskFile
            {
                SourceJson = json, Description = description, ParameterValues = parameterValues, ParameterSlots = parameterSlots,
                DtSlot = dtSlot, SlotCount = slots.Count, Factors = factors, LabelFactors = labels, Columns = columns,
                Choice = choice, ChoiceWhen = choiceWhen, GridValues = grid, TestGrid = testGrid, TestExtra = extra,
                Catch = catchPlan, Grid = timing.Grid, FloorDrawn = timing.FloorDrawn ?? false, TrialMs = trialMs, Periods = periods,
                NoiseStd = noise, Scoring = sc, VariableLength = variable && trialMs is null,
            };
        }

        private static string Kebab(string s) => string.Concat(s.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

        private void Names(IReadOnlyList<string>? names, string key)
        {
            if (names is null || names.Count == 0) throw Bad(key, "must list at least one name");
            for (int i = 0; i < names.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(names[i])) throw Bad($"{key}[{i}]", "must not be empty");
                for (int j = 0; j < i; j++) if (names[j] == names[i]) throw Bad($"{key}[{i}]", $"'{names[i]}' is used twice");
            }
        }

        private void Identifier(string? name, string key, Dictionary<string, int> taken)
        {
            if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                throw Bad(key, $"must be a name of letters, digits and '_' starting with a letter, got \"{name}\"");
            if (Reserved.Contains(name)) throw Bad(key, $"'{name}' is reserved");
            if (taken.ContainsKey(name)) throw Bad(key, $"'{name}' is already a parameter, factor or table column");
        }

        private TaskExpression Expr(TaskNumber? n, IReadOnlyDictionary<string, int> slots, string key)
        {
            try { return TaskExpression.Compile(n!, slots, key); }
            catch (ConfigException e) { throw Bad(e.Field, e.Problem); }
        }

        private double Constant(TaskNumber n, IReadOnlyDictionary<string, int> staticSlots, string key)
        {
            var e = Expr(n, staticSlots, key);
            // Parameters are constants of the task; evaluate with their values (slots 0..P-1).
            double v = e.Evaluate(_parameterValuesForConstants);
            if (!double.IsFinite(v)) throw Bad(key, $"must be a finite number, got {v}");
            return v;
        }

        private double[] _parameterValuesForConstants = [];
        private HashSet<string> _parameterNames = [];

        private CompiledDuration Duration(TaskFileDuration? d, IReadOnlyDictionary<string, int> slots, string key, bool last, bool fixedTrial)
        {
            if (d is null) throw Bad(key, "must be an object with one of fixed, uniform, choice, exponential, rest");
            int kinds = (d.Fixed is null ? 0 : 1) + (d.Uniform is null ? 0 : 1) + (d.Choice is null ? 0 : 1) + (d.Exponential is null ? 0 : 1) + (d.Rest is null ? 0 : 1);
            if (kinds != 1) throw Bad(key, "needs exactly one of fixed, uniform, choice, exponential, rest");
            if (d.Fixed is not null) return CompiledDuration.FixedOf(Ms(d.Fixed, slots, $"{key}.fixed").E);
            if (d.Uniform is { } u)
            {
                if (u.Count != 2) throw Bad($"{key}.uniform", $"must be [lo, hi], got {u.Count} values");
                var (lo, hi) = (Ms(u[0], slots, $"{key}.uniform[0]"), Ms(u[1], slots, $"{key}.uniform[1]"));
                if (lo.V > hi.V) throw Bad($"{key}.uniform", $"must have lo <= hi, got [{lo.V}, {hi.V}]");
                return CompiledDuration.UniformOf(lo.E, hi.E);
            }
            if (d.Choice is { } c)
            {
                if (c.Count == 0) throw Bad($"{key}.choice", "must list at least one duration");
                return CompiledDuration.ChoiceOf(c.Select((x, i) => Ms(x, slots, $"{key}.choice[{i}]").E).ToArray());
            }
            if (d.Exponential is { } e)
            {
                var (mean, min, max) = (Ms(e.Mean, slots, $"{key}.exponential.mean"), Ms(e.Min, slots, $"{key}.exponential.min"), Ms(e.Max, slots, $"{key}.exponential.max"));
                if (mean.V <= 0) throw Bad($"{key}.exponential.mean", $"must be > 0 ms, got {mean.V}");
                if (min.V >= max.V) throw Bad($"{key}.exponential", $"must have min < max, got min {min.V}, max {max.V}");
                return CompiledDuration.ExponentialOf(mean.E, min.E, max.E);
            }
            if (d.Rest != true) throw Bad($"{key}.rest", "must be true");
            if (!last) throw Bad($"{key}.rest", "only the last period can fill the rest");
            if (!fixedTrial) throw Bad($"{key}.rest", "needs timing.trial_ms (the fixed trial length)");
            return CompiledDuration.RestOf();
        }

        /// <summary>A duration expression; when it depends on parameters only, its value is checked here (>= 0 ms)
        /// and returned (else NaN: checked when the trial is built).</summary>
        private (TaskExpression E, double V) Ms(TaskNumber? n, IReadOnlyDictionary<string, int> slots, string key)
        {
            var e = Expr(n, slots, key);
            if (!e.Names.All(_parameterNames.Contains)) return (e, double.NaN);
            double v = e.Evaluate(_parameterValuesForConstants);
            if (!(v >= 0 && double.IsFinite(v))) throw Bad(key, $"must be a duration >= 0 ms, got {v}");
            return (e, v);
        }

        private FillSpec Fill(IReadOnlyDictionary<string, IReadOnlyList<TaskNumber>>? inputs, TaskFileTargets? targets, TaskNumber? mask,
            TaskFileSpec s, IReadOnlyDictionary<string, int> slots, string key, bool hasChoice)
        {
            var terms = new List<(int, TaskExpression[])>();
            if (inputs is not null)
                foreach (var (name, list) in inputs)
                {
                    int ch = s.Inputs.ToList().IndexOf(name);
                    if (ch < 0) throw Bad($"{key}.inputs.{name}", $"is not an input (inputs: {string.Join(", ", s.Inputs)})");
                    if (list is null || list.Count == 0) throw Bad($"{key}.inputs.{name}", "must list at least one term");
                    terms.Add((ch, list.Select((t, i) => Expr(t, slots, $"{key}.inputs.{name}[{i}]")).ToArray()));
                }
            (int, TaskExpression)[]? values = null;
            TaskExpression? correct = null, other = null;
            if (targets is not null)
            {
                if (targets.Values is not null)
                {
                    if (targets.Correct is not null || targets.Other is not null) throw Bad($"{key}.targets", "has values and correct/other; give one");
                    values = targets.Values.Select(kv =>
                    {
                        int o = s.Outputs.ToList().IndexOf(kv.Key);
                        if (o < 0) throw Bad($"{key}.targets.values.{kv.Key}", $"is not an output (outputs: {string.Join(", ", s.Outputs)})");
                        return (o, Expr(kv.Value, slots, $"{key}.targets.values.{kv.Key}"));
                    }).ToArray();
                }
                else
                {
                    if (targets.Correct is null || targets.Other is null) throw Bad($"{key}.targets", "needs values, or both correct and other");
                    if (!hasChoice) throw Bad($"{key}.targets.correct", "needs the file's choice (which output is correct)");
                    correct = Expr(targets.Correct, slots, $"{key}.targets.correct");
                    other = Expr(targets.Other, slots, $"{key}.targets.other");
                }
            }
            return new FillSpec(terms.ToArray(), values, correct, other, mask is null ? null : Expr(mask, slots, $"{key}.mask"));
        }
    }
}

internal sealed record CompiledCatch(double Probability, double DurationMs, string PeriodName, float[] Targets, float Mask);

internal sealed record CompiledColumn(ConditionColumn Column, TaskExpression? Value, int? DurationOf);

internal sealed class CompiledFactor(string name, int slot, double[]? values, double[][]? rows, int[] columnSlots, double[]? cumulative)
{
    public string Name => name;
    public bool IsTable => rows is not null;
    public int Count => values?.Length ?? rows!.Length;
    /// <summary>The value the condition stores for entry i: the factor's value, or a table's row index.</summary>
    public double ValueAt(int i) => values is not null ? values[i] : i;

    public double Draw(RandomStream rng)
    {
        int i;
        if (cumulative is null) i = rng.NextInt(Count);
        else
        {
            double u = rng.NextDouble();
            i = 0;
            while (!(u < cumulative[i])) i++;
        }
        return ValueAt(i);
    }

    public void Fill(double[] slots, double value)
    {
        slots[slot] = value;
        for (int j = 0; j < columnSlots.Length; j++)
            slots[columnSlots[j]] = double.IsNaN(value) ? double.NaN : rows![(int)value][j];
    }
}

internal sealed class CompiledDuration
{
    private enum Kind { Fixed, Uniform, Choice, Exponential, Rest }
    private Kind _kind;
    private TaskExpression[] _e = [];

    public static CompiledDuration FixedOf(TaskExpression e) => new() { _kind = Kind.Fixed, _e = [e] };
    public static CompiledDuration UniformOf(TaskExpression lo, TaskExpression hi) => new() { _kind = Kind.Uniform, _e = [lo, hi] };
    public static CompiledDuration ChoiceOf(TaskExpression[] list) => new() { _kind = Kind.Choice, _e = list };
    public static CompiledDuration ExponentialOf(TaskExpression mean, TaskExpression min, TaskExpression max) => new() { _kind = Kind.Exponential, _e = [mean, min, max] };
    public static CompiledDuration RestOf() => new() { _kind = Kind.Rest };

    public bool Rest => _kind == Kind.Rest;
    public bool IsFixed => _kind is Kind.Fixed or Kind.Rest;

    /// <summary>Draws one duration (docs/task-files.md#durations); drawn kinds are floored to dt when asked.</summary>
    public double Draw(double[] slots, float dtMs, bool floor, RandomStream rng)
    {
        double d;
        switch (_kind)
        {
            case Kind.Fixed: return _e[0].Evaluate(slots);
            case Kind.Uniform: d = rng.Uniform(_e[0].Evaluate(slots), _e[1].Evaluate(slots)); break;
            case Kind.Choice: d = _e[rng.NextInt(_e.Length)].Evaluate(slots); break;
            case Kind.Exponential:
            {
                double mean = _e[0].Evaluate(slots), min = _e[1].Evaluate(slots), max = _e[2].Evaluate(slots);
                if (!(mean > 0 && min >= 0 && max > min && double.IsFinite(max)))
                    throw new TaskException($"exponential duration needs mean > 0 and 0 <= min < max < inf, got mean {mean}, min {min}, max {max}");
                do d = rng.Exponential(mean); while (d < min || d >= max);
                break;
            }
            default: throw new InvalidOperationException("rest is not drawn");
        }
        return floor ? TrialAssembler.FloorToDt(d, dtMs) : d;
    }

    /// <summary>The longest duration (NaN when it depends on something unknown).</summary>
    public double Max(double[] slots) => _kind switch
    {
        Kind.Fixed => _e[0].Evaluate(slots),
        Kind.Uniform => _e[1].Evaluate(slots),
        Kind.Choice => _e.Max(x => x.Evaluate(slots)),
        Kind.Exponential => _e[2].Evaluate(slots),
        _ => double.NaN,
    };
}

internal sealed record CompiledWindow(TaskExpression StartOffset, FillSpec Fill)
{
    public double Offset(double[] slots)
    {
        double v = StartOffset.Evaluate(slots);
        if (!(v >= 0 && double.IsFinite(v))) throw new TaskException($"window start_offset_ms = {v}; it must be >= 0");
        return v;
    }
}

internal sealed record CompiledPeriod(string Name, CompiledDuration Train, CompiledDuration Test, bool StartInclusive, bool EndInclusive,
    bool IsRest, FillSpec Fill, IReadOnlyList<CompiledWindow> Windows)
{
    public CompiledDuration DurationFor(TaskTiming timing) => timing == TaskTiming.Test ? Test : Train;
}

/// <summary>What a period (or window) writes at each of its samples: input terms (added in order), targets, mask.</summary>
internal sealed record FillSpec((int Channel, TaskExpression[] Terms)[] Inputs, (int Output, TaskExpression Value)[]? Targets,
    TaskExpression? Correct, TaskExpression? Other, TaskExpression? Mask)
{
    public PeriodFill Resolve(double[] slots, Func<int> choice, int nout)
    {
        var inputs = Inputs.Select(x => (x.Channel, x.Terms.Select(t => Finite((float)t.Evaluate(slots), t)).ToArray())).ToArray();
        float[]? targets = null;
        if (Targets is not null)
        {
            targets = new float[nout];
            foreach (var (o, v) in Targets) targets[o] = Finite((float)v.Evaluate(slots), v);
        }
        else if (Correct is not null)
        {
            targets = new float[nout];
            Array.Fill(targets, Finite((float)Other!.Evaluate(slots), Other));
            targets[choice()] = Finite((float)Correct.Evaluate(slots), Correct);
        }
        float? mask = Mask is null ? null : Finite((float)Mask.Evaluate(slots), Mask);
        return new PeriodFill(inputs, targets, mask);
    }

    private static float Finite(float v, TaskExpression e) =>
        float.IsFinite(v) ? v : throw new TaskException($"expression \"{e.Text}\" is {v} for this trial (an open label or a division by zero?)");
}

internal sealed record PeriodFill((int Channel, float[] Terms)[] Inputs, float[]? Targets, float? Mask)
{
    public void Apply(Span<float> input, Span<float> target, Span<float> mask)
    {
        foreach (var (ch, terms) in Inputs)
            for (int i = 0; i < terms.Length; i++) input[ch] += terms[i];
        if (Targets is not null) Targets.CopyTo(target);
        if (Mask is float m) mask.Fill(m);
    }
}
