using EiRnn.Core.Config;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Files;

namespace EiRnn.Tasks.Tests;

/// <summary>A task file's <c>capabilities</c> key (docs/task-files.md#capabilities) becomes its description's
/// <see cref="TaskCapabilities"/>: the example files of the three built-in tasks declare exactly the built-in declarations.</summary>
[TestClass]
public sealed class TaskFileCapabilitiesTests
{
    [TestMethod]
    [DataRow("rdm-fixed")]
    [DataRow("perceptual-discrimination")]
    [DataRow("delayed-discrimination")]
    public void FileTaskDeclaresTheBuiltInCapabilities(string name)
    {
        var file = TaskFiles.Create(TaskFileEquivalenceTests.ExampleText(name), name + ".json").Description.Capabilities;
        var builtIn = TaskRegistry.BuiltIn().Create(name).Description.Capabilities;
        Assert.IsFalse(builtIn.IsEmpty, name);
        // By value: the records hold lists (compared by reference), so compare their JSON.
        Assert.AreEqual(JsonConfig.Serialize(builtIn), JsonConfig.Serialize(file), name);
    }

    [TestMethod]
    public void EveryExampleDeclaresSomethingAndNoKeyMeansNone()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks"), "*.json"))
        {
            var task = TaskFiles.Create(File.ReadAllText(path), Path.GetFileName(path));
            Assert.IsFalse(task.Description.Capabilities.IsEmpty, path);
        }
        var root = System.Text.Json.Nodes.JsonNode.Parse(TaskFileEquivalenceTests.ExampleText("go-no-go"),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        root.Remove("capabilities");
        Assert.AreSame(TaskCapabilities.None, TaskFiles.Create(root.ToJsonString(), "go-no-go.json").Description.Capabilities);
    }
}
