using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EiRnn.Cli.Tests;

/// <summary>
/// The CLI hands training to the training stage and never calls TorchSharp itself: a verb that set LibTorch up
/// on its own once trained without the allocator settings of TorchRuntime (the pipeline's training took 184 s
/// where `train` took 126 s). The compiler drops references to assemblies no code uses, so the built eirnn.dll
/// must not reference TorchSharp.
/// </summary>
[TestClass]
public sealed class CliDependencyTests
{
    [TestMethod]
    public void TheCliAssemblyDoesNotReferenceTorchSharp()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "eirnn.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        CollectionAssert.Contains(references, "EiRnn.Training", "sanity: the CLI does reference the training stage");
        CollectionAssert.DoesNotContain(references, "TorchSharp", "the CLI calls TorchSharp directly; go through EiRnn.Training (TrainingRun sets up the runtime)");
    }
}
