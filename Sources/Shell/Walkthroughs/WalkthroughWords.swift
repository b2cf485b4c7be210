/// The words of a walkthrough's frame (around the trainer's texts), in each language it speaks: a
/// Japanese walkthrough is Japanese throughout, its prompts too.
struct WalkthroughWords: Sendable {
  var step: @Sendable (_ n: Int, _ of: Int) -> String
  var sent: String
  var now: String
  var currentUser: @Sendable (String) -> String
  var nobody: String
  var challengePending: @Sendable (String) -> String
  var noChallenge: String
  var newTokens: @Sendable (String) -> String
  var lookAt: String
  var done: @Sendable (String) -> String
  var leftAt: @Sendable (_ name: String, _ step: Int) -> String
  var stoppedAt: @Sendable (Int) -> String
  var stoppedHint: String
  var failedAsMeant: String
  var succeededThoughMeantToFail: String
  var ask: String
  var askAfterFailure: String
  var answers: String

  static let english = WalkthroughWords(
    step: { "step \($0)/\($1)" }, sent: "sent", now: "now", currentUser: { "current user \($0)" }, nobody: "nobody",
    challengePending: { "challenge \($0) pending" }, noChallenge: "no challenge pending",
    newTokens: { "new tokens for \($0)" }, lookAt: "look at", done: { "walkthrough \($0) done" },
    leftAt: { "walkthrough \($0) left at step \($1)" }, stoppedAt: { "the walkthrough stopped at step \($0)" },
    stoppedHint: "Fix what the error says and run it again.",
    failedAsMeant: "  the step failed, as it is meant to: the error above is the lesson",
    succeededThoughMeantToFail: "the step was meant to fail, and it succeeded",
    ask: "[Enter] run  [s] skip  [q] quit: ",
    askAfterFailure: "the step failed (the error above says why): [r] retry  [s] skip  [q] quit: ",
    answers: "Enter runs the step; s skips it; q leaves the walkthrough.")

  static let japanese = WalkthroughWords(
    step: { "ステップ \($0)/\($1)" }, sent: "送信", now: "現在", currentUser: { "カレントユーザーは \($0)" }, nobody: "なし",
    challengePending: { "チャレンジ \($0) が応答待ち" }, noChallenge: "応答待ちのチャレンジなし",
    newTokens: { "\($0) の新しいトークン" }, lookAt: "注目点", done: { "ウォークスルー \($0) 完了" },
    leftAt: { "ウォークスルー \($0) をステップ \($1) で終了しました" },
    stoppedAt: { "ウォークスルーはステップ \($0) で止まりました" },
    stoppedHint: "エラーの内容を直してから、もう一度実行してください。",
    failedAsMeant: "  このステップは想定どおり失敗しました（上のエラーが学ぶ内容です）",
    succeededThoughMeantToFail: "失敗するはずのステップが成功しました",
    ask: "[Enter] 実行  [s] スキップ  [q] 終了: ",
    askAfterFailure: "このステップは失敗しました（理由は上のエラーのとおりです）: [r] 再実行  [s] スキップ  [q] 終了: ",
    answers: "Enter でステップを実行、s でスキップ、q でウォークスルーを終了します。")

  static func of(_ language: String) -> WalkthroughWords { language == "ja" ? japanese : english }
}
