using System.CommandLine;
using EiRnn.Cli.Verbs;

namespace EiRnn.Cli;

/// <summary>The command tree of `eirnn`; Program.cs runs it, and tests run it in their own process.</summary>
internal static class CliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("EiRnnPipeline: train excitatory/inhibitory rate RNNs (TorchSharp), share them as ONNX, " +
                                   "simulate large perturbation sweeps (ONNX Runtime) into Parquet, and analyse them.")
        {
            CliOptions.Verbose,
        };
        root.Subcommands.Add(TasksVerb.Build());
        root.Subcommands.Add(TrainVerb.Build());
        root.Subcommands.Add(ExportVerb.Build());
        root.Subcommands.Add(ImportVerb.Build());
        root.Subcommands.Add(InspectVerb.Build());
        root.Subcommands.Add(SimulateVerb.Build());
        root.Subcommands.Add(SweepVerb.Build());
        root.Subcommands.Add(AnalyzeVerb.Build());
        root.Subcommands.Add(PipelineVerb.Build());
        root.Subcommands.Add(SchemaVerb.Build());
        root.Subcommands.Add(ReproduceVerb.Build());
        return root;
    }
}
