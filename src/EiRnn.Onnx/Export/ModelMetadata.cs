using System.Globalization;
using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Export;

/// <summary>Writes the contract's <c>metadata_props</c>: provenance a user can read with any ONNX tool.</summary>
internal static class ModelMetadata
{
    public static void Write(ModelProto model, TrainedNetwork network)
    {
        var spec = network.Spec;
        var entries = new (string Key, string Value)[]
        {
            (Meta.Format, FormatVersion),
            (Meta.Arch, spec.Arch == NetworkArch.Lstm ? ArchLstm : ArchEiRnn),
            (Meta.Task, network.Training.Task),
            (Meta.DtMs, spec.DtTrainMs.ToString("R", CultureInfo.InvariantCulture)),
            (Meta.NExc, spec.NExc.ToString(CultureInfo.InvariantCulture)),
            (Meta.NInh, spec.NInh.ToString(CultureInfo.InvariantCulture)),
            (Meta.Seed, network.Seed.ToString(CultureInfo.InvariantCulture)),
            (Meta.Spec, JsonConfig.Serialize(spec, indented: false)),
            (Meta.Training, JsonConfig.Serialize(network.Training, indented: false)),
            (Meta.InputNames, JsonSerializer.Serialize(spec.InputNames.ToArray())),
            (Meta.OutputNames, JsonSerializer.Serialize(spec.OutputNames.ToArray())),
        };
        // Optional keys: a reader of format 1 that predates them ignores them, so the format version stays 1.
        var optional = new (string Key, string? Value)[]
        {
            (Meta.TrainConfig, network.TrainConfig is null ? null : JsonConfig.Serialize(network.TrainConfig, indented: false)),
            (Meta.InitialWeightsSha256, network.InitialWeightsSha256),
        };
        foreach (var (key, value) in entries)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        foreach (var (key, value) in optional)
            if (value is not null) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>"major.minor.patch" of this assembly: no build hash, so rebuilding does not change files.</summary>
    public static string ProducerVersion()
    {
        var v = typeof(ModelMetadata).Assembly.GetName().Version ?? new System.Version(0, 0, 0);
        return $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
    }
}
