using EiRnn.Cli;

return await VerbRunner.InvokeAsync(CliRoot.Build(), args);
