using EiRnn.Analysis.Psychometric;

namespace EiRnn.Analysis.Behaviour;

/// <summary>
/// Streams trials into per-condition behaviour counts. Memory grows with the number of conditions, plus one
/// double per correct trial with an RT (the RT histogram and its bootstrap need the values).
/// </summary>
public sealed class BehaviourTable
{
    private readonly int _positiveChoice;
    private readonly SortedDictionary<double, Cell> _cells = new();

    /// <param name="positiveChoice">The output index whose probability the psychometric curve plots (0 = choice 1).</param>
    public BehaviourTable(int positiveChoice = 0) => _positiveChoice = positiveChoice;

    private sealed class Cell
    {
        public int Trials, Responded, Positive, Scored, Correct;
        public readonly List<double> CorrectRt = [];
    }

    public void Add(in TrialBehaviour trial)
    {
        if (!double.IsFinite(trial.Stimulus)) throw new ArgumentOutOfRangeException(nameof(trial), "stimulus value must be finite");
        if (!_cells.TryGetValue(trial.Stimulus, out var cell)) _cells[trial.Stimulus] = cell = new Cell();
        cell.Trials++;
        if (trial.Choice is int choice)
        {
            cell.Responded++;
            if (choice == _positiveChoice) cell.Positive++;
        }
        // Scored whenever correctness is defined: a regression task (sequence) is right or wrong without a choice.
        if (trial.Correct is not bool correct) return;
        cell.Scored++;
        if (!correct) return;
        cell.Correct++;
        if (trial.RtMs is double rt && double.IsFinite(rt)) cell.CorrectRt.Add(rt);
    }

    public BehaviourSummary ToSummary() => new(_positiveChoice, _cells
        .Select(kv => new ConditionBehaviour(kv.Key, kv.Value.Trials, kv.Value.Responded, kv.Value.Positive,
            kv.Value.Scored, kv.Value.Correct, kv.Value.CorrectRt.ToArray()))
        .ToArray());
}

/// <summary>Behaviour of a whole dataset (or one perturbation), condition by condition.</summary>
public sealed record BehaviourSummary(int PositiveChoice, IReadOnlyList<ConditionBehaviour> Conditions)
{
    public int Trials => Conditions.Sum(c => c.Trials);
    public int NoResponse => Conditions.Sum(c => c.NoResponse);

    /// <summary>Fraction correct over trials where correctness is defined (coherence 0 excluded by construction).</summary>
    public double Accuracy
    {
        get
        {
            int scored = Conditions.Sum(c => c.Scored);
            return scored == 0 ? double.NaN : (double)Conditions.Sum(c => c.Correct) / scored;
        }
    }

    /// <summary>Psychometric points over responded trials (trials without a response are dropped, docs/analysis.md#psychometric-function).</summary>
    public IReadOnlyList<ChoiceCount> ChoiceCounts =>
        Conditions.Where(c => c.Responded > 0).Select(c => new ChoiceCount(c.Stimulus, c.Responded, c.Positive)).ToArray();
}
