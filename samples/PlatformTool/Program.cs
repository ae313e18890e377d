using PlatformTool;

return CanaryPlan.Print(Console.Out, Console.Error, args.Length > 0 && int.TryParse(args[0], out var percent) ? percent : 10);
