using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Files;

/// <summary>
/// A task read from a task file (docs/task-files.md). It follows the same skeleton as the built-in tasks
/// (<see cref="CognitiveTask{TCondition}"/>), so training draws, the validation cycle and forced conditions use
/// the same random draws in the same order: per trial the catch draw, the factors and tables in listed order,
/// the open labels, then the durations in period order; the input noise while the batch is assembled (trial,
/// step, channel). Built by <see cref="TaskFiles"/>; immutable.
/// </summary>
public class FileTask : CognitiveTask<FileCondition>
{
    private readonly CompiledTaskFile _c;

    internal FileTask(CompiledTaskFile compiled)
    {
        _c = compiled;
        Description = compiled.Description;
        ConditionColumns = compiled.Columns.Select(c => c.Column).Append(new ConditionColumn("catch", ConditionColumnKind.Bool,
            compiled.Catch is null ? "catch trial (never, in this task)" : "catch trial (no stimulus)")).ToArray();
        ValidationConditions = compiled.GridValues.Select(v => new FileCondition(this, v, null, false)).ToArray();
        TestSet = [.. (compiled.TestGrid ? ValidationConditions : []), .. compiled.TestExtra.Select(v => new FileCondition(this, v, null, false))];
        CatchCondition = compiled.Catch is null ? null : new FileCondition(this, Enumerable.Repeat(double.NaN, compiled.Factors.Count).ToArray(), null, true);
    }

    /// <summary>The file's own text (embedded in models trained on it, docs/task-files.md#models).</summary>
    public string SourceJson => _c.SourceJson;
    /// <summary>The parameter values this instance was built with.</summary>
    public IReadOnlyDictionary<string, double> Parameters => _c.ParameterValues;
    internal IReadOnlyList<string> FactorNames => _c.Factors.Select(f => f.Name).ToArray();

    public override TaskDescription Description { get; }
    public override IReadOnlyList<ConditionColumn> ConditionColumns { get; }
    public override IReadOnlyList<FileCondition> TestSet { get; }
    public override IReadOnlyList<FileCondition> ValidationConditions { get; }
    protected override FileCondition? CatchCondition { get; }

    protected override FileCondition DrawCondition(RandomStream rng)
    {
        var values = new double[_c.Factors.Count];
        for (int f = 0; f < values.Length; f++) values[f] = _c.Factors[f].Draw(rng);
        return new FileCondition(this, values, null, false);
    }

    /// <summary>The slot vector of a condition: parameters, dt, then each factor's value and its table columns.</summary>
    private double[] Slots(FileCondition cond, double dtMs)
    {
        var s = new double[_c.SlotCount];
        _c.ParameterSlots.CopyTo(s, 0);
        s[_c.DtSlot] = dtMs;
        for (int f = 0; f < _c.Factors.Count; f++) _c.Factors[f].Fill(s, cond.FactorValues[f]);
        return s;
    }

    internal int? CorrectChoiceOf(FileCondition cond)
    {
        if (cond.IsCatch || _c.Choice is null) return null;
        var s = Slots(cond, double.NaN);
        if (_c.ChoiceWhen is { } when)
        {
            double w = when.Evaluate(s);
            if (double.IsNaN(w)) return null;
            if (w == 0) return null;
        }
        double v = _c.Choice.Evaluate(s);
        return double.IsNaN(v) ? null : (int)v;
    }

    /// <summary>Index of the output the targets call correct: the choice value, also where scoring leaves it undefined.</summary>
    private int TargetChoice(double[] slots)
    {
        if (_c.Choice is null) throw new TaskException($"{Description.Name}: targets use correct/other but the file has no choice");
        double v = _c.Choice.Evaluate(slots);
        int i = (int)v;
        if (double.IsNaN(v) || v != i || i < 0 || i >= OutputCount)
            throw new TaskException($"{Description.Name}: choice = {v}, not an output index 0..{OutputCount - 1}");
        return i;
    }

    internal void WriteColumns(FileCondition cond, IConditionWriter w)
    {
        var s = Slots(cond, double.NaN);
        foreach (var col in _c.Columns)
        {
            double? v = null;
            if (!cond.IsCatch)
            {
                double x = col.DurationOf is int p ? (cond.DurationsMs is { } d ? d[p] : double.NaN) : col.Value!.Evaluate(s);
                if (!double.IsNaN(x)) v = x + 0.0; // + 0.0 writes −0 as 0
            }
            switch (col.Column.Kind)
            {
                case ConditionColumnKind.Double: w.Double(col.Column.Name, v); break;
                case ConditionColumnKind.Int32: w.Int32(col.Column.Name, v is double iv ? checked((int)iv) : null); break;
                case ConditionColumnKind.Bool: w.Bool(col.Column.Name, v is double bv ? bv != 0 : null); break;
                default: w.String(col.Column.Name, v?.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        w.Bool("catch", cond.IsCatch);
    }

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Score(batch, z, _c.Scoring.Choice);

    public override double Performance(TrialBatch batch, ReadOnlySpan<float> z) =>
        Scoring.FractionCorrect(Score(batch, z, _c.Scoring.ValidationChoice ?? _c.Scoring.Choice));

    private TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z, TaskFileChoiceRule rule)
    {
        switch (rule)
        {
            case TaskFileChoiceRule.TrialEnd:
                return Scoring.ScoreAtTrialEnd(batch, z);
            case TaskFileChoiceRule.MaskedMeanArgmax:
            {
                var o = Scoring.ScoreMaskedMeanArgmax(batch, z);
                for (int b = 0; b < o.Length; b++) if (batch.Conditions[b].IsCatch) o[b] = new(null, null, null);
                return o;
            }
            case TaskFileChoiceRule.PeriodEnd:
            {
                Scoring.CheckOutputs(batch, z);
                var o = new TrialOutcome[batch.BatchSize];
                for (int b = 0; b < o.Length; b++)
                {
                    var cond = (IChoiceCondition)batch.Conditions[b];
                    var period = batch.FindPeriod(b, _c.Scoring.Period!);
                    int last = -1;
                    if (!cond.IsCatch && period is { } p)
                        for (int k = 0; k < batch.TrialSteps[b]; k++) if (p.Contains(k, batch.DtMs)) last = k;
                    if (last < 0) { o[b] = new(null, null, null); continue; }
                    int choice = Scoring.ArgMax(z.Slice(batch.OutputIndex(b, last, 0), batch.OutputCount));
                    o[b] = new(choice, cond.CorrectChoice is int right ? choice == right : null, null);
                }
                return o;
            }
            case TaskFileChoiceRule.Threshold:
            {
                Scoring.CheckOutputs(batch, z);
                double threshold = _c.Scoring.Threshold!.Value;
                var o = new TrialOutcome[batch.BatchSize];
                for (int b = 0; b < o.Length; b++)
                {
                    o[b] = new(null, null, null);
                    var cond = (IChoiceCondition)batch.Conditions[b];
                    if (cond.IsCatch || batch.FindPeriod(b, _c.Scoring.Period!) is not { } origin) continue;
                    for (int k = 0; k < batch.TrialSteps[b]; k++)
                    {
                        if ((k + 1) * (double)batch.DtMs <= origin.StartMs) continue;
                        int at = batch.OutputIndex(b, k, 0), choice = -1;
                        for (int c = 0; c < batch.OutputCount; c++) if (z[at + c] > threshold) choice = c; // last crossing wins a tie
                        if (choice < 0) continue;
                        o[b] = new(choice, cond.CorrectChoice is int right ? choice == right : null, (k + 1) * (double)batch.DtMs - origin.StartMs);
                        break;
                    }
                }
                return o;
            }
            default: throw new TaskException($"{Description.Name}: unknown choice rule {rule}");
        }
    }

    protected override TrialPlan Plan(FileCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.Task != this) throw new TaskException($"{Description.Name}: condition {cond} belongs to task {cond.Task.Description.Name}");
        double std = _c.NoiseStd is { } ns ? ns.Evaluate(Slots(cond, dtMs)) : 0;
        if (!(std >= 0) || !double.IsFinite(std)) throw new TaskException($"{Description.Name}: noise.std = {std} at dt {dtMs} ms; it must be >= 0");
        bool noise = _c.NoiseStd is not null;
        if (cond.IsCatch) return CatchPlan(cond, noise, std, rng);

        // Labels a condition leaves open, in listed order.
        var values = cond.FactorValues.ToArray();
        foreach (int f in _c.LabelFactors)
            if (double.IsNaN(values[f])) values[f] = _c.Factors[f].Draw(rng);
        var probe = new FileCondition(this, values, null, false);
        var slots = Slots(probe, dtMs);

        // Durations in period order (a resolved condition keeps its own).
        int np = _c.Periods.Count;
        var durations = cond.DurationsMs?.ToArray() ?? new double[np];
        double? trialMs = _c.TrialMs?.Evaluate(slots);
        if (trialMs is double tm && !(tm > 0 && double.IsFinite(tm))) throw new TaskException($"{Description.Name}: timing.trial_ms = {tm}; it must be > 0");
        if (cond.DurationsMs is null)
        {
            double sum = 0;
            for (int p = 0; p < np; p++)
            {
                var d = _c.Periods[p].DurationFor(timing);
                durations[p] = d.Rest ? trialMs!.Value - sum : d.Draw(slots, dtMs, _c.FloorDrawn, rng);
                if (!(durations[p] >= 0) || !double.IsFinite(durations[p]))
                    throw new TaskException($"{Description.Name}: period {_c.Periods[p].Name} drew a duration of {durations[p]} ms; durations must be >= 0");
                sum += durations[p];
            }
        }
        double total = durations.Sum();
        if (trialMs is double T && total > T + 1e-9)
            throw new TaskException($"{Description.Name}: the periods add up to {total} ms, more than timing.trial_ms = {T} ms");
        var resolved = new FileCondition(this, values, durations, false);

        // Period bounds on the file's time grid (docs/task-files.md#time-grids).
        var periods = new Period[np];
        var windows = new Period[np][];
        double end;
        if (_c.Grid == TaskFileGrid.Psychrnn)
        {
            int steps = PsychRnnGrid.Steps(trialMs!.Value, dtMs);
            end = steps * (double)dtMs;
            double lo = 0;
            for (int p = 0; p < np; p++)
            {
                var sp = _c.Periods[p];
                double hi = sp.IsRest ? end : lo + durations[p];
                periods[p] = PsychRnnGrid.Period(sp.Name, lo, sp.StartInclusive, hi, sp.EndInclusive, dtMs, steps);
                windows[p] = sp.Windows.Select(w => PsychRnnGrid.Period(sp.Name, lo + w.Offset(slots), sp.StartInclusive, hi, sp.EndInclusive, dtMs, steps)).ToArray();
                lo += durations[p];
            }
        }
        else
        {
            double t = 0;
            for (int p = 0; p < np; p++)
            {
                var sp = _c.Periods[p];
                periods[p] = new Period(sp.Name, t, t + durations[p]);
                windows[p] = sp.Windows.Select(w => new Period(sp.Name, t + w.Offset(slots), t + durations[p])).ToArray();
                t += durations[p];
            }
            end = trialMs ?? periods[^1].EndMs;
        }

        // Per-trial constants: input terms, targets and masks of each period and window.
        var fills = new PeriodFill[np][];
        int? choice = null;
        int Choice() => choice ??= TargetChoice(slots);
        for (int p = 0; p < np; p++)
        {
            var sp = _c.Periods[p];
            fills[p] = [sp.Fill.Resolve(slots, Choice, OutputCount), .. sp.Windows.Select(w => w.Fill.Resolve(slots, Choice, OutputCount))];
        }
        return new TrialPlan(resolved, periods, end, (int k, double _, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (noise) PsychRnnGrid.AddNoise(input, std, rng);
            for (int p = 0; p < periods.Length; p++)
            {
                if (!periods[p].Contains(k, dtMs)) continue;
                fills[p][0].Apply(input, target, mask);
                for (int w = 0; w < windows[p].Length; w++)
                    if (windows[p][w].Contains(k, dtMs)) fills[p][w + 1].Apply(input, target, mask);
            }
        });
    }

    private TrialPlan CatchPlan(FileCondition cond, bool noise, double std, RandomStream rng)
    {
        var c = _c.Catch!;
        double ms = c.DurationMs;
        var targets = c.Targets;
        float m = c.Mask;
        return new TrialPlan(cond, [new Period(c.PeriodName, 0, ms)], ms, (int _, double _, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (noise) PsychRnnGrid.AddNoise(input, std, rng);
            targets.CopyTo(target);
            mask.Fill(m);
        });
    }
}

/// <summary><see cref="FileTask"/> whose trial length varies (drawn durations on the pycog grid without a fixed
/// trial length): tells the simulator the longest trial (docs/task-files.md#time-grids).</summary>
public sealed class BoundedFileTask : FileTask, ITrialDurationBound
{
    private readonly CompiledTaskFile _compiled;
    internal BoundedFileTask(CompiledTaskFile compiled) : base(compiled) => _compiled = compiled;

    public double MaxTrialMs(TaskTiming timing)
    {
        double best = _compiled.Catch?.DurationMs ?? 0;
        var conditions = TestSet.Concat(ValidationConditions).ToArray();
        foreach (var cond in conditions)
        {
            var slots = new double[_compiled.SlotCount];
            _compiled.ParameterSlots.CopyTo(slots, 0);
            slots[_compiled.DtSlot] = double.NaN;
            for (int f = 0; f < _compiled.Factors.Count; f++) _compiled.Factors[f].Fill(slots, cond.FactorValues[f]);
            double sum = 0;
            foreach (var p in _compiled.Periods)
            {
                double max = p.DurationFor(timing).Max(slots);
                if (double.IsNaN(max))
                    throw new TaskException($"{Description.Name}: the longest duration of period {p.Name} depends on dt or an open label; give it a bound that does not");
                sum += max;
            }
            best = Math.Max(best, sum);
        }
        return best;
    }
}
