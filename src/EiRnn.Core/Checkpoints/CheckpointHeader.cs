using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.Core.Checkpoints;

/// <summary>One validation of docs/training.md#validation-stopping-and-model-selection (a row of learning-curve.csv).</summary>
/// <param name="Stage">The curriculum stage being trained at this validation (0-based); null without a curriculum.</param>
public sealed record ValidationRecord(long Updates, long Trials, double Cost, double Performance, double Rmse, int? Stage = null);

/// <summary>Optimiser kind, hyper-parameters and step count; its slot tensors are arrays named "optimiser/…".</summary>
public sealed record OptimiserState(OptimiserKind Kind, double LearningRate, double Beta1, double Beta2,
    double Epsilon, double RmspropDecay, long Steps);

/// <summary>Trainer bookkeeping needed to continue exactly where training stopped.</summary>
public sealed record TrainerProgress(
    double BestCost,
    long BestUpdates,
    long UpdatesSinceBest,
    int BadGradientStreak,
    double WallSecondsBefore);

/// <summary>Shape and byte offset of one array in the checkpoint's data file.</summary>
public sealed record CheckpointArrayEntry(string Name, int[] Shape, long Offset)
{
    public int Count => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// The JSON header of a checkpoint folder (docs/training.md#outputs-of-a-run): everything except the arrays, which
/// live in one raw little-endian float32 file described by <see cref="Arrays"/>. LibTorch-free, so that
/// `export` reads it without TorchSharp.
/// </summary>
public sealed record CheckpointHeader
{
    /// <summary>2: the train config has its network block (docs/training.md#train-config); 1 (flat config) is read through <see cref="CheckpointHeaderUpgrade"/>.</summary>
    public const string CurrentFormat = "eirnn-checkpoint/2";
    public string Format { get; init; } = CurrentFormat;
    public required NetworkSpec Spec { get; init; }
    public required TrainConfig Config { get; init; }
    public required long Updates { get; init; }
    public required long Trials { get; init; }
    public required ulong Seed { get; init; }
    /// <summary>States of the C# streams (trial sampling, validation trials) by purpose.</summary>
    public required IReadOnlyDictionary<string, RandomStreamState> RandomStreams { get; init; }
    /// <summary>LibTorch generator states (noise), base64 of the generator's state bytes, by purpose.</summary>
    public required IReadOnlyDictionary<string, string> NoiseGenerators { get; init; }
    public required OptimiserState Optimiser { get; init; }
    public required IReadOnlyList<ValidationRecord> Validations { get; init; }
    public required TrainerProgress Progress { get; init; }
    /// <summary>What training reports about this network (performance of its validation, convergence).</summary>
    public required TrainingRecord Record { get; init; }
    /// <summary>Curriculum position and history (docs/training.md#curriculum-learning); null without a curriculum.</summary>
    public CurriculumProgress? Curriculum { get; init; }
    /// <summary>SHA-256 of the initial rate-network weights (docs/reproduce.md#initial-weights); null for the LSTM baseline
    /// and in checkpoints written before training recorded it (optional, so the format stays eirnn-checkpoint/2).</summary>
    public string? InitialWeightsSha256 { get; init; }
    public string DataFile { get; init; } = "arrays.f32";
    public IReadOnlyList<CheckpointArrayEntry> Arrays { get; init; } = [];
}
