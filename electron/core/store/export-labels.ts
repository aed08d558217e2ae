// Header labels of the exported files (store/export.ts column keys), per language.
// Kept on the core so a download link works the same from any browser or from curl;
// the wording matches the renderer's i18n (history.columns.*, reports.*). Coded values
// (direction, disposition, …) and agent figure names are the contract's shared words,
// the ones the pages print, so a file says what the page says.
import { sharedWords, type WordsLanguage } from '../contract/words';
import { codedCallFields, type ExportValueLabels } from './export';

export type ExportLanguage = WordsLanguage;

const callLabels: Record<ExportLanguage, Record<string, string>> = {
  'zh-CN': {
    uniqueid: '通话 ID', startedAt: '开始时间', answeredAt: '接听时间', endedAt: '结束时间', direction: '方向',
    callerNum: '主叫号码', calledNum: '被叫号码', queue: '队列', agent: '坐席', duration: '总时长（秒）',
    ivrSeconds: '语音导航（秒）', queueSeconds: '排队（秒）', ringSeconds: '振铃（秒）', talkSeconds: '通话（秒）',
    holdSeconds: '保持（秒）', wrapupSeconds: '话后处理（秒）', isAnswered: '已接听', disposition: '处理结果',
    cdrState: '结束位置', missCause: '未接原因', hangupSide: '挂断方', hangupCause: '挂断原因', ivrName: '语音导航',
    ivrDtmf: '按键', score: '满意度', trunkNumber: '中继号码', recordingFile: '录音文件', source: '来源',
  },
  en: {
    uniqueid: 'Call ID', startedAt: 'Started', answeredAt: 'Answered', endedAt: 'Ended', direction: 'Direction',
    callerNum: 'Caller', calledNum: 'Called', queue: 'Queue', agent: 'Agent', duration: 'Duration (s)',
    ivrSeconds: 'IVR (s)', queueSeconds: 'Queue wait (s)', ringSeconds: 'Ring (s)', talkSeconds: 'Talk (s)',
    holdSeconds: 'Hold (s)', wrapupSeconds: 'Wrap-up (s)', isAnswered: 'Answered', disposition: 'Disposition',
    cdrState: 'Ended in', missCause: 'Miss cause', hangupSide: 'Hung up by', hangupCause: 'Hangup cause', ivrName: 'IVR',
    ivrDtmf: 'DTMF', score: 'Satisfaction', trunkNumber: 'Trunk', recordingFile: 'Recording', source: 'Source',
  },
};

const reportLabels: Record<ExportLanguage, Record<string, string>> = {
  'zh-CN': {
    bucket: '时段', key: '队列/坐席', offered: '呼入量', answered: '接听量', abandoned: '放弃量',
    'miss.NO_ASSIGN': '未分配', 'miss.NO_AGENT_ANSWER': '坐席未接', 'miss.NO_AGENT_LOGIN': '无坐席登录',
    'miss.MEMBER_CANCEL': '排队10秒内挂断', 'miss.other': '其他未接', answeredWithinSl: '服务水平内接听', slBase: '服务水平基数',
    shortAbandoned: '短时放弃', exited: '其他离队', transferred: '转接',
    serviceLevel: '服务水平', asaSeconds: '平均应答（秒）', attSeconds: '平均通话（秒）', ahtSeconds: '平均处理（秒）',
    avgAbandonWaitSeconds: '平均放弃等待（秒）', abandonRate: '放弃率', talkSum: '通话合计（秒）',
    holdSum: '保持合计（秒）', wrapupSum: '话后处理合计（秒）', avgScore: '平均满意度', scored: '评分通话数',
  },
  en: {
    bucket: 'Period', key: 'Queue/agent', offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned',
    'miss.NO_ASSIGN': 'Not assigned', 'miss.NO_AGENT_ANSWER': 'Agent no answer', 'miss.NO_AGENT_LOGIN': 'No agent logged in',
    'miss.MEMBER_CANCEL': 'Caller hung up within 10 s', 'miss.other': 'Other missed', answeredWithinSl: 'Answered within SL', slBase: 'SL base',
    shortAbandoned: 'Short abandons', exited: 'Other exits', transferred: 'Transferred',
    serviceLevel: 'Service level', asaSeconds: 'ASA (s)', attSeconds: 'Avg. talk (s)', ahtSeconds: 'AHT (s)',
    avgAbandonWaitSeconds: 'Avg. wait before abandon (s)', abandonRate: 'Abandon rate', talkSum: 'Talk total (s)',
    holdSum: 'Hold total (s)', wrapupSum: 'Wrap-up total (s)', avgScore: 'Avg. satisfaction', scored: 'Scored calls',
  },
};

/** The distribution tables' columns (store/distribution-export.ts), worded as the Reports page words them. */
const distributionLabels: Record<ExportLanguage, Record<string, string>> = {
  'zh-CN': {
    queue: '队列（空 = 全部）', waitUpTo: '排队等待不超过（秒）', answered: '接听量', answeredWithin: '累计接听', answeredShare: '累计接听占比',
    abandoned: '放弃量', abandonedWithin: '累计放弃', abandonedShare: '累计放弃占比',
    key: '被叫号码/中继', calls: '来电数', offered: '呼入量', exited: '其他离队', answeredWithinSl: '服务水平内接听', slBase: '服务水平基数',
    serviceLevel: '服务水平', asaSeconds: '平均应答（秒）', abandonRate: '放弃率', talkSum: '通话合计（秒）',
    from: '转出坐席', to: '转入坐席', kind: '方式', transfers: '转接次数', timed: '有转接时刻', talkAfterSeconds: '转接后通话（秒）',
  },
  en: {
    queue: 'Queue (empty = all)', waitUpTo: 'Queue wait up to (s)', answered: 'Answered', answeredWithin: 'Answered within', answeredShare: 'Share answered within',
    abandoned: 'Abandoned', abandonedWithin: 'Abandoned within', abandonedShare: 'Share abandoned within',
    key: 'Called number/trunk', calls: 'Calls', offered: 'Offered', exited: 'Other exits', answeredWithinSl: 'Answered within SL', slBase: 'SL base',
    serviceLevel: 'Service level', asaSeconds: 'ASA (s)', abandonRate: 'Abandon rate', talkSum: 'Talk total (s)',
    from: 'From', to: 'To', kind: 'How', transfers: 'Transfers', timed: 'With transfer time', talkAfterSeconds: 'Talk after (s)',
  },
};

export type ExportKind = 'calls' | 'report' | 'waits' | 'breakdown' | 'transfers';

const fileNames: Record<ExportLanguage, Record<ExportKind, string>> = {
  'zh-CN': { calls: '通话记录', report: '话务报表', waits: '应答放弃时长分布', breakdown: '号码中继分析', transfers: '转接报表' },
  en: { calls: 'calls', report: 'report', waits: 'wait-distribution', breakdown: 'breakdown', transfers: 'transfers' },
};

export function exportLanguageOf(value: string | null | undefined): ExportLanguage {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

const codeSuffix: Record<ExportLanguage, string> = { 'zh-CN': '（代码）', en: ' (code)' };

export function exportHeaders(kind: ExportKind, language: ExportLanguage): Record<string, string> {
  if (kind === 'report') return reportLabels[language];
  if (kind !== 'calls') return distributionLabels[language];
  const labels = callLabels[language];
  const codes = Object.fromEntries(codedCallFields.map((field) => [`${field}.code`, `${labels[field]}${codeSuffix[language]}`]));
  return { ...labels, ...codes };
}

/** Coded call values in words (the disposition "NO ANSWER" is keyed NO_ANSWER in the words). */
export function exportValueLabels(language: ExportLanguage): ExportValueLabels {
  const messages = sharedWords[language];
  const { history } = messages;
  const dispositions = Object.fromEntries(Object.entries(history.disposition).map(([code, label]) => [code.replace('_', ' '), label]));
  return {
    direction: messages.direction,
    isAnswered: history.answeredValue,
    disposition: dispositions,
    cdrState: history.cdrState,
    missCause: history.missCause,
    hangupSide: history.hangupSide,
    hangupCause: history.hangupCauseName,
    source: history.source,
  };
}

export function exportBaseName(kind: ExportKind, language: ExportLanguage): string {
  return fileNames[language][kind];
}

/** Headers of the per-agent columns (store/export.ts agentExportColumns), the page's words with their unit. */
export function agentExportHeaders(language: ExportLanguage, pauseReasons: readonly { code: string; labels: Record<ExportLanguage, string> }[]): Record<string, string> {
  const words = sharedWords[language].agentFigures;
  const s = language === 'en' ? ' (s)' : '（秒）';
  const reasonHeaders = Object.fromEntries(
    [...pauseReasons.map((reason) => [reason.code, reason.labels[language]] as const), ['', words.noReason] as const].map(([code, label]) => [`pause.${code}`, `${words.pause} · ${label}${s}`]),
  );
  return {
    agent: words.agent, callsTaken: words.callsTaken, queueAnswered: words.queueAnswered, transfersReceived: words.transfersReceived, direct: words.direct,
    talkSum: `${words.talk}${s}`, holdSum: `${words.hold}${s}`, wrapupSum: `${words.wrapup}${s}`, ahtSeconds: `${words.aht}${s}`,
    longestCallSeconds: `${words.longestCall}${s}`, pauseSeconds: `${words.pause}${s}`, loginSeconds: `${words.login}${s}`, occupancy: words.occupancy,
    ...reasonHeaders,
  };
}

/** The words of a scheduled report's PDF and sheet names: the shared words' `schedules.pdf` block and the page's column names. */
export function scheduledReportWords(language: ExportLanguage) {
  const messages = sharedWords[language];
  // The PDF shows durations as h:mm:ss, so the export headers' unit goes.
  const unitless = (label: string) => label.replace(/（秒）$| \(s\)$/, '');
  const report = Object.fromEntries(Object.entries(reportLabels[language]).map(([key, label]) => [key, unitless(label)]));
  return { ...messages.schedules.pdf, queue: callLabels[language].queue ?? 'queue', report, agentWords: messages.agentFigures };
}
