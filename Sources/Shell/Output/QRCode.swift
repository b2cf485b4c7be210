import CQREncode

/// A QR code drawn with half-block characters, two modules a character cell, for `mfa setup`.
enum QRCode {
  /// The code for a terminal `columns` wide (nil: not a terminal), or a line saying it does not fit:
  /// a wrapped code cannot be scanned.
  static func forTerminal(_ text: String, columns: Int?) -> String? {
    guard let qr = render(text) else { return nil }
    let needed = qr.split(separator: "\n").first.map { Table.displayWidth(String($0)) } ?? 0
    guard let columns, columns < needed else { return qr }
    return "(the QR code needs \(needed) columns and this window has \(columns): widen it and run "
      + "`mfa setup` again, or type the secret into the authenticator)"
  }

  /// The code for `text`, dark on light with a quiet zone, or nil if it cannot be encoded.
  static func render(_ text: String) -> String? {
    guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
    defer { QRcode_free(code) }
    let width = Int(code.pointee.width)
    guard let data = code.pointee.data else { return nil }
    let quiet = 2
    func dark(_ x: Int, _ y: Int) -> Bool {
      guard x >= 0, y >= 0, x < width, y < width else { return false }
      return data[y * width + x] & 1 == 1
    }
    var lines: [String] = []
    var y = -quiet
    while y < width + quiet {
      var line = ""
      for x in -quiet..<(width + quiet) {
        // Light background, dark modules: a cell shows the upper module in its top half.
        switch (dark(x, y), dark(x, y + 1)) {
        case (false, false): line += "█"
        case (true, false): line += "▄"
        case (false, true): line += "▀"
        case (true, true): line += " "
        }
      }
      lines.append(line)
      y += 2
    }
    return lines.joined(separator: "\n")
  }
}
