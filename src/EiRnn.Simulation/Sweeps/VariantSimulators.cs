using EiRnn.Core.Network;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// The simulators of a sweep: one over the variant with every perturbation port (control and all
/// port-expressible perturbations), and, for a perturbation whose W_rec change is not block-structured
/// (connection lesions), one over a dedicated variant compiled with W_rec ⊙ multiplier — opened when that
/// perturbation's first unit runs and closed when another perturbation needs its own. Units come in
/// perturbation order, so each dedicated variant is compiled once per shard.
/// </summary>
public sealed class VariantSimulators : IDisposable
{
    private readonly TrainedNetwork _network;
    private readonly SimulationModel _model;
    private readonly ICognitiveTask _task;
    private readonly SimulationSettings _settings;
    private readonly SessionSettings _session;
    private readonly PerturbationFeeds _feeds;
    private readonly ModelSession _sharedSession;
    private readonly TrialSimulator _shared;
    private (string Id, ModelSession Session, TrialSimulator Simulator)? _dedicated;

    public VariantSimulators(TrainedNetwork network, SimulationModel model, ICognitiveTask task, SimulationSettings settings, SessionSettings session)
    {
        (_network, _model, _task, _settings, _session) = (network, model, task, settings, session);
        _feeds = new PerturbationFeeds(network.Spec);
        _sharedSession = ModelSession.OpenCompiled(model, network, PerturbationPorts.All, session);
        try { _shared = new TrialSimulator(_sharedSession, task, settings); }
        catch { _sharedSession.Dispose(); throw; }
    }

    public PerturbationFeeds Feeds => _feeds;

    /// <summary>Cumulative statistics of the shared simulator (dedicated ones are short-lived).</summary>
    public SimulationStatistics Statistics => _shared.Statistics;

    /// <summary>The simulator that runs <paramref name="p"/>.</summary>
    public TrialSimulator For(ResolvedPerturbation p)
    {
        if (!_feeds.NeedsDedicatedVariant(p)) return _shared;
        if (_dedicated is { } d && d.Id == p.Id) return d.Simulator;
        CloseDedicated();
        var weights = _network.Weights! with { WRec = PerturbationFeeds.RecurrentWeights(_network.Weights!.WRec, p.RecurrentMultiplier!) };
        var session = ModelSession.OpenCompiled(_model, _network with { Weights = weights }, PerturbationPorts.All, _session);
        try
        {
            var simulator = new TrialSimulator(session, _task, _settings);
            _dedicated = (p.Id, session, simulator);
            return simulator;
        }
        catch { session.Dispose(); throw; }
    }

    private void CloseDedicated()
    {
        if (_dedicated is not { } d) return;
        d.Simulator.Dispose();
        d.Session.Dispose();
        _dedicated = null;
    }

    public void Dispose()
    {
        CloseDedicated();
        _shared.Dispose();
        _sharedSession.Dispose();
    }
}
