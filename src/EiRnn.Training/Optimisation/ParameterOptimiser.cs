using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using TorchSharp;
using EiRnn.Training.Model;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training.Optimisation;

/// <summary>
/// A first-order optimiser over named parameters with explicit slot tensors (docs/training.md#optimisers), so that a
/// checkpoint holds its whole state and resuming is bitwise exact. Gradients are passed in, aligned with
/// the parameters; a null gradient leaves that parameter (and its slots) untouched this step.
/// </summary>
public abstract class ParameterOptimiser : IDisposable
{
    protected ParameterOptimiser(IReadOnlyList<(string Name, Parameter Value)> parameters, TrainConfig config)
    {
        Parameters = parameters;
        Config = config;
    }

    public IReadOnlyList<(string Name, Parameter Value)> Parameters { get; }
    protected TrainConfig Config { get; }
    public long Steps { get; private set; }

    public static ParameterOptimiser Create(IReadOnlyList<(string, Parameter)> parameters, TrainConfig config) => config.Optimiser switch
    {
        OptimiserKind.Sgd => new SgdOptimiser(parameters, config),
        OptimiserKind.Adam => new AdamOptimiser(parameters, config),
        OptimiserKind.Rmsprop => new RmspropOptimiser(parameters, config),
        _ => throw new ConfigException("optimiser", $"'{config.Optimiser}' is not supported"),
    };

    public void Step(IReadOnlyList<Tensor?> gradients)
    {
        if (gradients.Count != Parameters.Count) throw new ArgumentException("one gradient per parameter expected");
        Steps++;
        using var noGrad = no_grad();
        for (int i = 0; i < Parameters.Count; i++)
            if (gradients[i] is { } g) Update(i, Parameters[i].Value, g);
    }

    protected abstract void Update(int index, Parameter p, Tensor g);

    /// <summary>Slot tensors by slot name for parameter <paramref name="index"/>.</summary>
    protected abstract IReadOnlyList<(string Slot, Tensor Value)> Slots(int index);

    public OptimiserState State() => new(Config.Optimiser, Config.LearningRate, Config.Beta1, Config.Beta2,
        Config.Epsilon, Config.RmspropDecay, Steps);

    public IEnumerable<NamedArray> SlotArrays()
    {
        for (int i = 0; i < Parameters.Count; i++)
            foreach (var (slot, t) in Slots(i))
                yield return new NamedArray($"{CheckpointArrayNames.OptimiserPrefix}{Parameters[i].Name}/{slot}",
                    t.shape.Select(s => (int)s).ToArray(), Model.RateNetwork.ToArray(t));
    }

    public void Restore(OptimiserState state, Checkpoint checkpoint)
    {
        if (state.Kind != Config.Optimiser)
            throw new TrainingException($"checkpoint optimiser is {state.Kind}, config asks for {Config.Optimiser}");
        Steps = state.Steps;
        using var noGrad = no_grad();
        for (int i = 0; i < Parameters.Count; i++)
            foreach (var (slot, t) in Slots(i))
            {
                using var src = tensor(checkpoint.Array($"{CheckpointArrayNames.OptimiserPrefix}{Parameters[i].Name}/{slot}"), t.shape, ScalarType.Float32);
                t.copy_(src);
            }
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected static Tensor[] ZeroSlots(IReadOnlyList<(string, Parameter Value)> ps) =>
        ps.Select(p => zeros_like(p.Value).DetachFromDisposeScope()).ToArray();
}

/// <summary>Plain minibatch SGD, θ ← θ − η g, no momentum (pycog).</summary>
public sealed class SgdOptimiser(IReadOnlyList<(string, Parameter)> ps, TrainConfig c) : ParameterOptimiser(ps, c)
{
    protected override void Update(int index, Parameter p, Tensor g) => p.sub_(g.Times(Config.LearningRate));

    protected override IReadOnlyList<(string, Tensor)> Slots(int index) => [];
}

/// <summary>Adam with TensorFlow 1's bias-corrected step size lr·sqrt(1−β2^t)/(1−β1^t) (PsychRNN default).</summary>
public sealed class AdamOptimiser : ParameterOptimiser
{
    private readonly Tensor[] _m, _v;

    public AdamOptimiser(IReadOnlyList<(string, Parameter Value)> ps, TrainConfig c) : base(ps, c)
    {
        _m = ZeroSlots(ps);
        _v = ZeroSlots(ps);
    }

    protected override void Update(int i, Parameter p, Tensor g)
    {
        double b1 = Config.Beta1, b2 = Config.Beta2;
        double lrT = Config.LearningRate * Math.Sqrt(1 - Math.Pow(b2, Steps)) / (1 - Math.Pow(b1, Steps));
        _m[i].TimesInPlace(b1).PlusInPlace(g.Times(1 - b1));
        _v[i].TimesInPlace(b2).PlusInPlace(g.Squared().Times(1 - b2));
        p.sub_(_m[i].div(_v[i].sqrt().Plus(Config.Epsilon)).Times(lrT));
    }

    protected override IReadOnlyList<(string, Tensor)> Slots(int i) => [("m", _m[i]), ("v", _v[i])];

    public override void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
        base.Dispose();
    }
}

/// <summary>RMSprop: s ← ρ s + (1−ρ) g², θ ← θ − η g / (sqrt(s) + ε).</summary>
public sealed class RmspropOptimiser : ParameterOptimiser
{
    private readonly Tensor[] _s;

    public RmspropOptimiser(IReadOnlyList<(string, Parameter Value)> ps, TrainConfig c) : base(ps, c) => _s = ZeroSlots(ps);

    protected override void Update(int i, Parameter p, Tensor g)
    {
        _s[i].TimesInPlace(Config.RmspropDecay).PlusInPlace(g.Squared().Times(1 - Config.RmspropDecay));
        p.sub_(g.div(_s[i].sqrt().Plus(Config.Epsilon)).Times(Config.LearningRate));
    }

    protected override IReadOnlyList<(string, Tensor)> Slots(int i) => [("mean_square", _s[i])];

    public override void Dispose()
    {
        foreach (var t in _s) t.Dispose();
        base.Dispose();
    }
}
