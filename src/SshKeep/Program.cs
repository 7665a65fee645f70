using SshKeep.Cli;

// Composition root only: everything else is wired in Cli/.
return await EntryPoint.RunAsync(args);
