using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Tests.Support;

/// <summary>A trial of the amplitude task: a constant input of <paramref name="A"/> for <paramref name="Steps"/> steps.</summary>
internal sealed record AmplitudeTrial(double A, int Steps, bool IsCatch = false) : ITrialCondition
{
    public void Write(IConditionWriter writer) => writer.Double("amplitude", A);
}

/// <summary>
/// One input held at the trial's amplitude for the trial's own length (so blocks are padded), two outputs. Scored
/// like a plugin that knows nothing of divergence: a choice at the last step, always "correct" for output 0, and an
/// RT at the trial's end, so a null in the dataset can only come from the simulator's divergence check.
/// </summary>
internal sealed class AmplitudeTask : ICognitiveTask
{
    public TaskDescription Description { get; } = new()
    {
        Name = "amplitude-test", Summary = "test task", InputNames = ["in0"], OutputNames = ["o0", "o1"],
        PeriodNames = ["all"], Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.9, 1, true),
        Defaults = new TaskNetworkDefaults { Preset = Preset.Pycog, N = 10, DtTrainMs = 1, BatchSize = 4, ValidationTrials = 4 },
    };

    public IReadOnlyList<ConditionColumn> ConditionColumns { get; } = [new("amplitude", ConditionColumnKind.Double, "input amplitude")];
    public IReadOnlyList<ITrialCondition> TestConditions { get; } = [new AmplitudeTrial(0, 10)];

    public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) => throw new NotSupportedException();
    public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => throw new NotSupportedException();

    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng) =>
        TrialAssembler.Assemble(conditions.Select(c => (TrialAssembler.ITrialPlan)new Plan((AmplitudeTrial)c, dtMs)).ToArray(), 1, 2, dtMs);

    public TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z)
    {
        var result = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            int last = batch.OutputIndex(b, batch.TrialSteps[b] - 1, 0);
            int choice = z[last] >= z[last + 1] ? 0 : 1;
            result[b] = new TrialOutcome(choice, choice == 0, batch.TrialSteps[b] * (double)batch.DtMs);
        }
        return result;
    }

    public double Performance(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.FractionCorrect(Score(batch, z));

    private sealed class Plan(AmplitudeTrial trial, float dtMs) : TrialAssembler.ITrialPlan
    {
        public ITrialCondition Condition => trial;
        public IReadOnlyList<Period> Periods { get; } = [new Period("all", 0, trial.Steps * (double)dtMs)];
        public double DurationMs => trial.Steps * (double)dtMs;
        public void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask) => input[0] = (float)trial.A;
    }
}
