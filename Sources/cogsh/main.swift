import Foundation
import Shell

// A parent may have blocked or ignored signals; children (the sandbox's moto) inherit both, and
// then would not stop when asked. Start from a clean state.
var none = sigset_t()
sigemptyset(&none)
sigprocmask(SIG_SETMASK, &none, nil)
signal(SIGTERM, SIG_DFL)

exit(Program.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
