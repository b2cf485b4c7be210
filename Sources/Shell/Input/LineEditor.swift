import Basics
@preconcurrency import CEdit
import Foundation

/// libedit's native API: editing, history in a file, Tab completion, Ctrl-C clearing the line.
final class LineEditor {
  /// libedit's C callbacks cannot capture context; this is the one bridge to Swift state.
  nonisolated(unsafe) private static var promptText: UnsafeMutablePointer<CChar>? = strdup("cogsh> ")
  nonisolated(unsafe) private static var completer = Completer()
  /// Set by the Ctrl-C key binding, read once el_gets returns.
  nonisolated(unsafe) private static var lineCancelled = false

  private let el: OpaquePointer
  private let hist: OpaquePointer
  private let historyPath: String?
  private var event = HistEvent()

  /// The lines of history kept, as bash's HISTSIZE.
  static let historySize = 1000

  /// The most characters a line typed or pasted at the prompt holds: many times any command's needs
  /// (a token is a few KB), and small enough that libedit, which echoes a character at a time, takes
  /// a tenth of a second to reach it. A longer line is refused and the rest of it dropped unechoed.
  static let promptLineLimit = 16384

  /// Loads the newest `historySize` lines of the history file. libedit enters every line of a file one
  /// by one and then drops all but the newest: a 100,000-line file (another tool's, or one grown by
  /// hand) would cost 35 ms at each start. A long file's tail, read from its end, is loaded through a
  /// temporary file.
  private func loadHistory(_ path: String) {
    guard let lines = LineEditor.historyTail(path) else {
      _ = cogsh_history_load(hist, &event, path)
      return
    }
    let tail = path + ".tail-\(getpid())"
    let fd = open(tail, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      _ = cogsh_history_load(hist, &event, path)
      return
    }
    defer { unlink(tail) }
    let text = Array("_HiStOrY_V2_\n".utf8) + lines
    let written = text.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    close(fd)
    _ = cogsh_history_load(hist, &event, written == text.count ? tail : path)
  }

  /// The newest `historySize` lines of a history file over 256 KiB, read from its end (a quarter
  /// MiB, then more while that holds fewer lines); nil for a shorter file, or one of fewer lines,
  /// which libedit reads whole.
  static func historyTail(_ path: String, lines: Int = historySize) -> ArraySlice<UInt8>? {
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_size > 256 * 1024 else { return nil }
    let size = Int(st.st_size)
    var chunk = 256 * 1024
    while true {
      let from = max(0, size - chunk)
      var bytes = [UInt8](repeating: 0, count: size - from)
      let count = bytes.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        var done = 0
        while done < raw.count {
          let n = pread(fd, base + done, raw.count - done, off_t(from + done))
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { break }
          done += n
        }
        return done
      }
      guard count == bytes.count else { return nil }
      // From the middle of the file the first line may be cut; the lines after the newline found
      // `lines` newlines back from the end are whole.
      if let start = tailStart(bytes, lines: lines) { return bytes[start...] }
      if from == 0 { return nil }
      chunk *= 4
    }
  }

  /// Where the last `lines` lines of `bytes` start; nil when it has no more than that.
  static func tailStart(_ bytes: [UInt8], lines: Int) -> Int? {
    var i = bytes.count - 1
    if i >= 0, bytes[i] == 0x0A { i -= 1 }
    var seen = 0
    while i >= 0 {
      if bytes[i] == 0x0A {
        seen += 1
        if seen == lines { return i + 1 }
      }
      i -= 1
    }
    return nil
  }

  init(historyPath: String?, completer: Completer) {
    LineEditor.useUTF8()
    el = el_init("cogsh", stdin, stdout, stderr)
    hist = history_init()
    self.historyPath = historyPath
    LineEditor.completer = completer
    _ = cogsh_history_setsize(hist, &event, Int32(LineEditor.historySize))
    _ = cogsh_history_setunique(hist, &event, 1)
    if let historyPath { loadHistory(historyPath) }
    _ = cogsh_el_set_editor(el, "emacs")
    _ = cogsh_el_set_hist(el, hist)
    _ = cogsh_el_set_prompt(el) { _ in LineEditor.promptText }
    _ = cogsh_el_addfn(el, "cogsh-complete", "complete a command or argument") { el, _ in
      LineEditor.complete(el)
    }
    _ = cogsh_el_addfn(el, "cogsh-cancel", "abandon the line") { _, _ in
      LineEditor.lineCancelled = true
      // Shown now, while the terminal is still the editor's: after el_gets returns it is back in
      // cooked mode, and a key typed meanwhile would be echoed before it.
      fputs("^C", stdout)
      fflush(stdout)
      return UInt8(CC_NEWLINE)
    }
    _ = cogsh_el_addfn(el, "cogsh-synopsis", "show the synopsis of the command being typed") { el, _ in
      LineEditor.synopsis(el)
    }
    _ = cogsh_el_addfn(el, "cogsh-question", "? after a command or a space: the synopsis; else a ?") { el, _ in
      LineEditor.question(el)
    }
    bindKeys()
    _ = cogsh_el_settty_noisig(el)
    _ = cogsh_el_limit_line(el, LineEditor.promptLineLimit) { Interrupt.isRaised ? 1 : 0 }
    el_source(el, nil)  // ~/.editrc, as other libedit programs honour it
    // `bind -v` or `bind -e` in ~/.editrc replaces the key maps: bind ours again, in both maps.
    bindKeys()
  }

  private func bindKeys() {
    for map in [nil, "-a"] as [String?] {
      _ = cogsh_el_bind_map(el, map, "^I", "cogsh-complete")
      _ = cogsh_el_bind_map(el, map, "^C", "cogsh-cancel")
      _ = cogsh_el_bind_map(el, map, "^L", "ed-clear-screen")
      _ = cogsh_el_bind_map(el, map, "^R", "em-inc-search-prev")
      // F1, as xterm and the Linux console send it.
      for f1 in ["^[OP", "^[[11~", "^[[[A"] { _ = cogsh_el_bind_map(el, map, f1, "cogsh-synopsis") }
    }
    _ = cogsh_el_bind_map(el, nil, "?", "cogsh-question")
  }

  /// libedit decodes keys with the C library's locale, and a Swift program starts in the "C" locale,
  /// in which every non-ASCII byte is dropped. Take the user's locale, or C.UTF-8 if it is not UTF-8.
  static func useUTF8() {
    setlocale(LC_CTYPE, "")
    if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  deinit {
    el_end(el)
    history_end(hist)
  }

  enum Input {
    case line(String)
    case interrupted
    case end
    /// A line over `promptLineLimit`, of this many characters, refused whole.
    case tooLong(Int)
  }

  /// Why a line at the prompt was refused.
  struct LineTooLong: UserFacingError {
    var characters: Int
    var message: String {
      "the line has \(characters) characters, more than the \(LineEditor.promptLineLimit) the prompt takes; refused"
    }
    var hint: String? {
      "Give longer input from a file: `cogsh -c 'jwt decode -' < FILE`, or a script (`cogsh -f FILE`), where a line may hold 1 MiB."
    }
  }

  /// Reads one line; Ctrl-C gives `.interrupted` with the line cleared, Ctrl-D on an empty line `.end`.
  func read(prompt: String) -> Input {
    free(LineEditor.promptText)
    LineEditor.promptText = strdup(prompt)
    Interrupt.clear()
    var count: Int32 = 0
    LineEditor.lineCancelled = false
    let result = el_gets(el, &count)
    let overlong = cogsh_el_take_overlong()
    if overlong > 0 {
      el_reset(el)
      return .tooLong(overlong)
    }
    if LineEditor.lineCancelled {
      LineEditor.lineCancelled = false
      el_reset(el)
      fputs("\n", stdout)
      fflush(stdout)
      return .interrupted
    }
    guard let raw = result else {
      if Interrupt.isRaised {
        el_reset(el)
        fputs("^C\n", stdout)
        return .interrupted
      }
      return .end
    }
    if count <= 0 { return .end }
    var line = String(cString: raw)
    while line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// Adds `line` to the history and saves the file (0600). Callers leave out secrets.
  func remember(_ line: String) {
    _ = cogsh_history_enter(hist, &event, line)
    guard let historyPath else { return }
    let old = umask(0o077)
    _ = cogsh_history_save(hist, &event, historyPath)
    umask(old)
    chmod(historyPath, 0o600)
  }

  /// The line up to the cursor.
  private static func textBeforeCursor(_ el: OpaquePointer) -> String? {
    guard let info = el_line(el), let buffer = info.pointee.buffer, let at = info.pointee.cursor else { return nil }
    let start = UnsafeRawPointer(buffer)
    return String(decoding: UnsafeRawBufferPointer(start: start, count: UnsafeRawPointer(at) - start), as: UTF8.self)
  }

  /// Prints the synopsis of the command on the line, and redraws the line as it was.
  private static func synopsis(_ el: OpaquePointer?) -> UInt8 {
    guard let el, let before = textBeforeCursor(el) else { return UInt8(CC_ERROR) }
    fputs("\n" + Synopsis.text(for: before) + "\n", stdout)
    fflush(stdout)
    return UInt8(CC_REDISPLAY)
  }

  /// `?` right after the command's name or after a space shows the synopsis; elsewhere it is a `?`.
  private static func question(_ el: OpaquePointer?) -> UInt8 {
    guard let el, let before = textBeforeCursor(el) else { return UInt8(CC_ERROR) }
    let words = before.split(separator: " ")
    if !words.isEmpty && (before.hasSuffix(" ") || (words.count == 1 && Registry.find(String(words[0])) != nil)) {
      return synopsis(el)
    }
    el_insertstr(el, "?")
    return UInt8(CC_REFRESH)
  }

  private static func complete(_ el: OpaquePointer?) -> UInt8 {
    guard let el, let info = el_line(el), let buffer = info.pointee.buffer, let at = info.pointee.cursor else {
      return UInt8(CC_ERROR)
    }
    let start = UnsafeRawPointer(buffer)
    let cursor = UnsafeRawPointer(at)
    let length = cursor - start
    let before = String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    let candidates = completer.candidates(before)
    let partial = before.last == " " ? "" : String(before.split(separator: " ").last ?? "")
    if candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
    if candidates.count == 1 {
      // A directory goes on being typed into; anything else is a finished word.
      let rest = String(candidates[0].dropFirst(partial.count)) + (candidates[0].hasSuffix("/") ? "" : " ")
      el_insertstr(el, rest)
      return UInt8(CC_REFRESH)
    }
    let common = Completer.commonPrefix(candidates)
    if common.count > partial.count {
      el_insertstr(el, String(common.dropFirst(partial.count)))
      return UInt8(CC_REFRESH)
    }
    fputs("\n" + candidates.joined(separator: "  ") + "\n", stdout)
    return UInt8(CC_REDISPLAY)
  }
}
