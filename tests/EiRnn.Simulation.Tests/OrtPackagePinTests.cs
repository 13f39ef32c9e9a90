using System.Xml.Linq;
using EiRnn.TestSupport;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// CPU and GPU builds must run the same ONNX Runtime: both packages pinned to one version the package source
/// serves (the GPU package once resolved to a newer version than the CPU one, NU1603), and the native library
/// this build loads is that version.
/// </summary>
[TestClass]
public sealed class OrtPackagePinTests
{
    [TestMethod]
    public void CpuAndGpuPackagesArePinnedToTheVersionThatLoads()
    {
        var pins = XDocument.Load(RepositoryPaths.Of("Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        string cpu = pins["Microsoft.ML.OnnxRuntime"], gpu = pins["Microsoft.ML.OnnxRuntime.Gpu"];
        Assert.AreEqual(cpu, gpu, "Microsoft.ML.OnnxRuntime and Microsoft.ML.OnnxRuntime.Gpu must be pinned to one version");
        Assert.AreEqual(cpu, OrtEnv.Instance().GetVersionString(), "the loaded native ONNX Runtime is not the pinned version");
    }
}
