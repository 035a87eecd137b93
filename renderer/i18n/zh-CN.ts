/** Chinese first: every string the villager sees. */
export const zhCN = {
  app: { title: '村办 · 自助服务', subtitle: '政务服务一体机' },
  attract: {
    placeCard: '请将身份证放在下方感应区',
    orScan: '或 扫描粤省事二维码 · 由工作人员协助办理',
    start: '开始办理',
    myApplications: '我的办件',
    elderMode: '长辈模式',
    standardMode: '标准模式',
  },
  status: {
    online: '网络正常',
    offline: '网络未连接 · 申请会先保存在本机，联网后自动提交',
    queued: '待上传 {{count}} 件',
    connecting: '正在连接本机服务…',
  },
  demo: { banner: '演示模式 · 使用模拟设备（demo）· 不会提交真实申请' },
  device: { degraded: '部分设备暂时不可用，请联系工作人员' },
} as const;
