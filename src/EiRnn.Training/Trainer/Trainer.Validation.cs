using EiRnn.Core.Checkpoints;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// Runs the task's validation set (docs/training.md#validation-stopping-and-model-selection) with its own trial and noise streams, records cost (loss +
    /// regularisers), performance and RMSE, and keeps the parameters if the cost is the lowest so far.
    /// Returns the record and whether it is a new best.
    /// </summary>
    public (ValidationRecord Record, bool IsBest) Validate()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = Task.ValidationBatch(Config.ValidationTrials, (float)Config.DtMs, _validationRng);
        var tensors = ToTensors(batch);
        var (z, cost) = _model.Evaluate(tensors, _validationNoise);
        double costValue = cost.ToDouble();
        double rmse = TaskLoss.Rmse(z, tensors.Target, tensors.Mask).ToDouble();
        double performance = Task.Performance(batch, RateNetwork.ToArray(z));
        var record = new ValidationRecord(Updates, Trials, costValue, performance, rmse, ValidationStage);
        _validations.Add(record);
        if (!(costValue < _bestCost)) return (record, false);
        _bestCost = costValue;
        _bestUpdates = Updates;
        _best = _model.Arrays();
        return (record, true);
    }

    /// <summary>The validation record of the kept (lowest-cost) network, if any validation has run.</summary>
    public ValidationRecord? BestValidation => _validations.LastOrDefault(v => v.Updates == _bestUpdates && v.Cost == _bestCost);
}
