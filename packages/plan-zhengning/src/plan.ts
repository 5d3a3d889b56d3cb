import { type OrgUnitInput, type Plan, type PlanInput, parsePlan } from '@kepu/core';
import {
  ZHENGNING_DEPARTMENT_IDS,
  ZHENGNING_LEADING_GROUP_ID,
  ZHENGNING_PLAN_ID,
  type ZhengningDepartmentId,
  type ZhengningTownshipId,
} from './ids.js';
import { deepFreeze } from './internal/deep-freeze.js';

// Transcribed from source/zhengning-2022-2025.txt (the plan as issued). Texts are the printed
// paragraphs with the page-break debris removed: the stray "位" lines are dropped and words a
// page break cut in two are joined. The tests read the vendored text and check every task's
// code, title, text and leads against it.

const LEADING_GROUP = ZHENGNING_LEADING_GROUP_ID;

const DEPARTMENT_NOTE =
  'Named in the plan as a lead (牵头部门). fullName and aliases are the formal and common forms of the printed name; the plan prints only the short name.';

const departments: Record<
  ZhengningDepartmentId,
  Pick<OrgUnitInput, 'name' | 'fullName' | 'aliases' | 'kind' | 'nameEn'>
> = {
  education: {
    name: '县教育局',
    fullName: '正宁县教育局',
    aliases: ['教育局'],
    kind: 'government-department',
    nameEn: 'County Education Bureau',
  },
  'youth-league': {
    name: '团县委',
    fullName: '共青团正宁县委员会',
    aliases: ['共青团正宁县委', '正宁团县委', '县团委'],
    kind: 'mass-organisation',
    nameEn: 'County Committee of the Communist Youth League',
  },
  cast: {
    name: '县科协',
    fullName: '正宁县科学技术协会',
    aliases: ['正宁县科协', '县科学技术协会', '科协'],
    kind: 'mass-organisation',
    nameEn: 'County Association for Science and Technology',
  },
  propaganda: {
    name: '县委宣传部',
    fullName: '中共正宁县委宣传部',
    aliases: ['正宁县委宣传部', '宣传部'],
    kind: 'party-department',
    nameEn: 'Publicity Department of the County Party Committee',
  },
  'science-tech': {
    name: '县科技局',
    fullName: '正宁县科学技术局',
    aliases: ['正宁县科技局', '县科学技术局', '科技局'],
    kind: 'government-department',
    nameEn: 'County Science and Technology Bureau',
  },
  agriculture: {
    name: '县农业农村局',
    fullName: '正宁县农业农村局',
    aliases: ['农业农村局'],
    kind: 'government-department',
    nameEn: 'County Agriculture and Rural Affairs Bureau',
  },
  'trade-union': {
    name: '县总工会',
    fullName: '正宁县总工会',
    aliases: ['总工会'],
    kind: 'mass-organisation',
    nameEn: 'County Federation of Trade Unions',
  },
  'hr-social-security': {
    name: '县人社局',
    fullName: '正宁县人力资源和社会保障局',
    aliases: ['正宁县人社局', '县人力资源和社会保障局', '人社局'],
    kind: 'government-department',
    nameEn: 'County Human Resources and Social Security Bureau',
  },
  'civil-affairs': {
    name: '县民政局',
    fullName: '正宁县民政局',
    aliases: ['民政局'],
    kind: 'government-department',
    nameEn: 'County Civil Affairs Bureau',
  },
  health: {
    name: '县卫健局',
    fullName: '正宁县卫生健康局',
    aliases: ['正宁县卫健局', '县卫生健康局', '卫健局'],
    kind: 'government-department',
    nameEn: 'County Health Bureau',
  },
  organisation: {
    name: '县委组织部',
    fullName: '中共正宁县委组织部',
    aliases: ['正宁县委组织部', '组织部'],
    kind: 'party-department',
    nameEn: 'Organisation Department of the County Party Committee',
  },
  finance: {
    name: '县财政局',
    fullName: '正宁县财政局',
    aliases: ['财政局'],
    kind: 'government-department',
    nameEn: 'County Finance Bureau',
  },
  'industry-it': {
    name: '县工信局',
    fullName: '正宁县工业和信息化局',
    aliases: ['正宁县工信局', '县工业和信息化局', '工信局'],
    kind: 'government-department',
    nameEn: 'County Industry and Information Technology Bureau',
  },
  'development-reform': {
    name: '县发改局',
    fullName: '正宁县发展和改革局',
    aliases: ['正宁县发改局', '县发展和改革局', '发改局'],
    kind: 'government-department',
    nameEn: 'County Development and Reform Bureau',
  },
  emergency: {
    name: '县应急局',
    fullName: '正宁县应急管理局',
    aliases: ['正宁县应急局', '县应急管理局', '应急局'],
    kind: 'government-department',
    nameEn: 'County Emergency Management Bureau',
  },
};

const TOWNSHIP_NOTE =
  'Not in the plan, which addresses the townships only as 各乡镇. Taken from the administrative-division list of 正宁县 (8 towns and 2 townships) as known to the authors, not from an official file vendored here: check against the county government’s current list before relying on it.';

const townships: Record<ZhengningTownshipId, Pick<OrgUnitInput, 'name' | 'nameEn' | 'aliases'> & { note?: string }> = {
  shanhe: { name: '山河镇', nameEn: 'Shanhe Town', aliases: [] },
  yonghe: { name: '永和镇', nameEn: 'Yonghe Town', aliases: [] },
  yulinzi: { name: '榆林子镇', nameEn: 'Yulinzi Town', aliases: [] },
  gonghe: { name: '宫河镇', nameEn: 'Gonghe Town', aliases: [] },
  zhoujia: {
    name: '周家镇',
    nameEn: 'Zhoujia Town',
    aliases: ['周家乡'],
    note: 'Older lists may give it as 周家乡, from before it became a town; that name is kept as an alias.',
  },
  qiutou: {
    name: '湫头镇',
    nameEn: 'Qiutou Town',
    aliases: ['湫头乡'],
    note: 'Older lists may give it as 湫头乡, from before it became a town; that name is kept as an alias.',
  },
  xipo: {
    name: '西坡镇',
    nameEn: 'Xipo Town',
    aliases: ['西坡乡'],
    note: 'Older lists may give it as 西坡乡, from before it became a town; that name is kept as an alias.',
  },
  yongzheng: {
    name: '永正镇',
    nameEn: 'Yongzheng Town',
    aliases: ['永正乡'],
    note: 'Older lists may give it as 永正乡, from before it became a town; that name is kept as an alias.',
  },
  sanjia: {
    name: '三嘉乡',
    nameEn: 'Sanjia Township',
    aliases: ['三嘉镇'],
    note: 'Uncertain: the sources known to us call it 三嘉乡 (a township, not a town); 三嘉镇 is kept as an alias. If it has since become a town, swap name and alias.',
  },
  wuqingyuan: { name: '五顷塬回族乡', nameEn: 'Wuqingyuan Hui Ethnic Township', aliases: ['五顷塬乡'] },
};

const SECTION_CLOSING_NOTE =
  'Printed once, after 四（五）3, with no lines after 四（五）1 or 2: read as closing the whole section.';

const input = {
  schemaVersion: 1,
  id: ZHENGNING_PLAN_ID,
  county: { id: 'zhengning', name: '正宁县', nameEn: 'Zhengning County', province: '甘肃省', prefecture: '庆阳市' },
  meta: {
    // The heading prints a layout space (“纲要 实施方案”); the notice quotes the title without it.
    title: '正宁县全民科学素质行动计划纲要实施方案（2022—2025年）',
    titleEn:
      'Implementation Plan of the Action Plan Outline for Science Literacy of All Citizens, Zhengning County (2022–2025)',
    noticeTitle: '正宁县人民政府办公室关于印发《全民科学素质行动计划纲要实施方案（2022—2025年）》的通知',
    issuer: '正宁县人民政府办公室',
    // The number is blank in the issued text; it is kept blank, never guessed.
    documentNumber: { printed: '正政办发〔2022〕 号', prefix: '正政办发', year: 2022, number: null },
    issueDate: '2022-10-26',
    period: { start: 2022, end: 2025 },
    basis: [
      '《全民科学素质行动规划纲要（2021年—2035年）》',
      '《甘肃省科学技术条例》',
      '《正宁县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》',
    ],
    recipients: ['各乡镇人民政府', '县直各部门', '省、市驻正宁有关单位'],
    distribution: ['县委办公室', '人大常委会办公室', '县政协办公室'],
    printing: { by: '正宁县人民政府办公室', date: '2022-10-26', copies: 80 },
  },
  principles: [
    {
      id: 'party-leadership',
      title: '坚持党的领导',
      titleEn: 'Uphold the leadership of the Party',
      text: '坚持党的领导。将党的领导始终贯穿科学素质建设工作全过程，突出科学素质工作政治属性，形成有效的组织体系和实施保障机制，不折不扣推进《全民科学素质行动计划纲要》的实施。',
    },
    {
      id: 'scientific-spirit',
      title: '弘扬科学精神',
      titleEn: 'Promote the scientific spirit',
      text: '弘扬科学精神。践行社会主义核心价值观，大力弘扬科学精神和科学家精神，传递科学的思想观念和行为方式，加强创新文化建设，形成崇尚创新的社会氛围。',
    },
    {
      id: 'serve-development',
      title: '突出服务发展',
      titleEn: 'Focus on serving development',
      text: '突出服务发展。围绕县域经济社会发展大局和县委、县政府决策部署，聚焦产业发展、乡村振兴、环境保护、社会治理等领域有重点地开展科普宣传、新技术推广工作，努力为推动高质量发展做出贡献。',
    },
    {
      id: 'coordinated-advance',
      title: '坚持协同推进',
      titleEn: 'Advance together',
      text: '坚持协同推进。各成员单位和各乡镇、各部门要加强联系，密切协作，共同推进。同时，要激发社区、村组、企业、合作社、农技协等多元主体活力，增强全民参与积极性，形成政府、社会、市场协同推进的社会化科普格局。',
    },
  ],
  audiences: [
    { id: 'youth', name: '青少年', nameEn: 'Youth' },
    { id: 'farmers', name: '农民', nameEn: 'Farmers' },
    { id: 'industrial-workers', name: '产业工人', nameEn: 'Industrial workers' },
    { id: 'elderly', name: '老年人', nameEn: 'The elderly' },
    { id: 'cadres', name: '领导干部和公务员', nameEn: 'Leading cadres and civil servants' },
  ],
  orgUnits: [
    ...ZHENGNING_DEPARTMENT_IDS.map((id) => ({
      id,
      ...departments[id],
      provenance: { kind: 'document' as const, note: DEPARTMENT_NOTE },
    })),
    {
      id: LEADING_GROUP,
      name: '县全民科学素质纲要实施工作领导小组',
      fullName: '正宁县全民科学素质纲要实施工作领导小组',
      nameEn: 'County Leading Group for Implementing the Science Literacy Outline',
      aliases: ['县全民科学素质纲要实施工作领导小组各成员单位', '科学素质纲要实施工作领导小组'],
      kind: 'group' as const,
      members: [...ZHENGNING_DEPARTMENT_IDS],
      provenance: {
        kind: 'inferred' as const,
        quote: '县全民科学素质纲要实施工作领导小组各成员单位',
        note: 'The plan names the group (the partner of every task, and 五（一）) but does not list its members. Taken as every unit named as a lead (牵头部门); the real group may have members the plan does not name.',
      },
    },
    ...(Object.keys(townships) as ZhengningTownshipId[]).map((id) => {
      const { note, ...township } = townships[id];
      return {
        id,
        ...township,
        fullName: `正宁县${township.name}`,
        kind: 'township' as const,
        provenance: {
          kind: 'external' as const,
          note: note === undefined ? TOWNSHIP_NOTE : `${TOWNSHIP_NOTE} ${note}`,
        },
      };
    }),
  ],
  parts: [
    {
      path: '1',
      code: '一',
      title: '前言',
      titleEn: 'Preface',
      kind: 'preface',
      text: [
        '习近平总书记指出：“科技创新、科学普及是实现创新发展的两翼，要把科学普及放在与科技创新同等重要的位置。没有全民科学素质普遍提高，就难以建立起宏大的高素质创新大军，难以实现科技成果快速转化。”这一重要指示精神是新发展阶段科普和科学素质建设高质量发展的根本遵循。',
        '科学素质是国民素质的重要组成部分，是社会文明进步的基础。公民具备科学素质是指崇尚科学精神，树立科学思想，掌握基本科学方法，了解必要科技知识，并具有应用其分析判断事物和解决实际问题的能力。提升科学素质，对于公民树立科学的世界观和方法论，对于增强国家自主创新能力和文化软实力、建设社会主义现代化强国，具有十分重要的意义。',
        '近年来，在县委、县政府的正确领导下，在各乡镇各部门的不懈努力下，我县全民科学素质行动取得显著成效，如期完成各项目标任务，公民科学素质水平持续快速提升，2020年全县公民科学素质比例达到 7.8%，正宁县连续两轮被中科院命名为全国科普示范县。同时，必须清醒地认识到我县全民科学素质水平与全国平均水平以及发达地区相比仍有较大差距，发展不充分不均衡的问题比较突出，主要表现为：广泛参与、协同推进的社会化科普格局尚未完全形成；科普基础设施建设比较薄弱；科普信息化建设相对滞后；科普人才队伍建设不能满足需要；《纲要》成员单位重视程度，工作开展差异较大，科普投入不足。',
        '当前，我县已进入新的发展阶段，全面贯彻新发展理念，构建新发展格局，推动高质量发展成为时代主题。各级各部门要把全民科学素质建设列入重要议事日程，切实抓在手上，不断加强科学普及工作，厚植创新土壤，提高全民科学素质，为推动正宁县域经济社会高质量发展提供人才支撑，智力支撑。',
      ].join('\n'),
    },
    {
      path: '2',
      code: '二',
      title: '指导思想、工作原则和行动目标',
      titleEn: 'Guiding thought, principles and action goals',
      kind: 'guidance',
      sections: [
        {
          path: '2.1',
          code: '二（一）',
          title: '指导思想',
          titleEn: 'Guiding thought',
          text: '以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九大和历次全会精神，坚持党的全面领导，坚持以人民为中心，坚持新发展理念，统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，全面贯彻落实习近平总书记关于科普和科学素质的重要论述，深入落实县委、县政府各项决策部署，以提高全民科学素质，服务高质量发展、高品质生活为目标，以践行社会主义核心价值观、弘扬科学精神为主线，以推动科普社会化和信息化、加快科普基础设施建设、加强科普队伍建设为重点，努力营造尊重科学、热爱科学、崇尚科学的社会氛围，增强科技创新能力，提升社会文明程度，为建设幸福美好新正宁提供有力支撑。',
        },
        {
          path: '2.2',
          code: '二（二）',
          title: '工作原则',
          titleEn: 'Working principles',
          // The four principles are also data in `principles`, with ids.
          text: [
            '——坚持党的领导。将党的领导始终贯穿科学素质建设工作全过程，突出科学素质工作政治属性，形成有效的组织体系和实施保障机制，不折不扣推进《全民科学素质行动计划纲要》的实施。',
            '——弘扬科学精神。践行社会主义核心价值观，大力弘扬科学精神和科学家精神，传递科学的思想观念和行为方式，加强创新文化建设，形成崇尚创新的社会氛围。',
            '——突出服务发展。围绕县域经济社会发展大局和县委、县政府决策部署，聚焦产业发展、乡村振兴、环境保护、社会治理等领域有重点地开展科普宣传、新技术推广工作，努力为推动高质量发展做出贡献。',
            '——坚持协同推进。各成员单位和各乡镇、各部门要加强联系，密切协作，共同推进。同时，要激发社区、村组、企业、合作社、农技协等多元主体活力，增强全民参与积极性，形成政府、社会、市场协同推进的社会化科普格局。',
          ].join('\n'),
        },
        {
          path: '2.3',
          code: '二（三）',
          title: '行动目标',
          titleEn: 'Action goals',
          text: '到 2025 年，全县公民具备科学素质的比例达到 12% 以上，全县城乡各类人群科学素质发展不均衡明显改善。科普组织建设、基础设施、条件保障、网络信息化等体系不断完善，科普环境进一步优化，科学素质公共服务能力显著提升，全社会共同参与的大科普格局初步形成。科学普及与科技创新同等重要的制度安排基本形成，科普示范成效显著增强，科学精神在全社会广泛弘扬，崇尚创新的社会氛围日益浓厚，社会文明程度实现新提高。',
        },
      ],
    },
    {
      path: '3',
      code: '三',
      title: '实施五项提升行动',
      titleEn: 'Five improvement actions',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '三（一）',
          title: '实施青少年科学素质提升行动',
          titleEn: 'Youth science-literacy improvement action',
          text: '紧紧围绕践行社会主义核心价值观，弘扬科学精神，培育科学思维，加强学校科学教育，不断提升师生科学素质，积极组织并支持师生开展丰富多彩的科普活动，激发青少年好奇心和想象力，增强科学兴趣，培养创新意识和创新能力，发现培育一批具备科学家潜质的青少年群体。',
          audiences: ['youth'],
          tasks: [
            {
              path: '3.1.1',
              code: '三（一）1',
              title: '弘扬科学精神和科学家精神',
              titleEn: 'Promote the scientific spirit and the spirit of scientists',
              text: '弘扬科学精神和科学家精神。落实立德树人根本任务，将弘扬科学精神和科学家精神作为学校教育的重要内容，把求真务实，理性质疑，开拓创新等科学精神融入日常课程与教学活动当中，广泛开展科学家精神进校园活动，大力宣传科学家、优秀科技人才胸怀祖国、服务人民的爱国精神和勇攀高峰、敢为人先的创新精神，培养青少年爱国情怀、社会责任感、创新精神和实践能力。',
              leads: ['education', 'youth-league'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.1.2',
              code: '三（一）2',
              title: '加强基础教育阶段的科技教育',
              titleEn: 'Strengthen science and technology education in basic education',
              text: '加强基础教育阶段的科技教育。根据不同阶段青少年群体特点，将提升科学素质的目标贯穿于学前教育、义务教育、高中教育（职业教育）等各个阶段。加强学龄前儿童科学启蒙教育，培养他们对科学的兴趣和好奇心，全面落实科学课程标准，在中小学开齐开足科学课程，保障小学二年级每周 2 节科学课，三至六年级每周 2 至 3 节科学课，中学每周 1 节综合实践课。按要求常态化开展物理、化学、生物实验教学活动。深化中小学科学课程教育改革，完善和优化课程教育体系，鼓励学校成立科技社团和兴趣小组，积极开展研学实践教育活动。加强职业教育阶段的科学教育和技能培训，提升学生的职业道德、职业技能和创新能力。',
              leads: ['education'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.1.3',
              code: '三（一）3',
              title: '大力开展校内外结合的科技教育活动',
              titleEn:
                'Vigorously carry out science and technology education activities that combine school and out-of-school learning',
              text: '大力开展校内外结合的科技教育活动。建立健全中小学校科学教育与科普场馆等相衔接的有效机制，引导中小学充分利用科技馆、博物馆、科普教育基地等科普场所开展各类学习实践活动，促进学校科学课的升级提质。要广泛开展青少年科技创新大赛、青少年科学节、校园科技节、青少年机器人竞赛、科普剧竞赛、科普讲解大赛、科学实验展演等活动，培养学生的实践能力和创新能力。要经常开展科普进校园活动，积极宣传科学家精神和节约资源、保护环境、防灾应急、身心健康、珍爱生命、远离毒品等知识，为青少年科学素质的发展提供全方位的教育平台。',
              leads: ['education', 'cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.1.4',
              code: '三（一）4',
              title: '发现培育一批具备科学家潜质的青少年群体',
              titleEn: 'Identify and nurture young people with the potential to become scientists',
              text: '发现培育一批具备科学家潜质的青少年群体。对具有科学家潜质的青少年进行个性化培养，开展英才计划、青少年科学特长班及各类科技竞赛活动，探索从幼儿到高中教育阶段科技创新后备人才贯通式培养模式。各学校要结合数、理、化、生、地等学科要求为学生定制符合个性发展的创客课程，要因材施教多元化评价学生的学习成绩，呵护好学生的好奇心，锻炼学生的科学思维，增强学生的科学兴趣、创新意识和创新能力，培养一批具备科学家潜质的青少年群体。',
              leads: ['education'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.1.5',
              code: '三（一）5',
              title: '加强中小学科技教师队伍建设',
              titleEn: 'Strengthen the science and technology teaching force in primary and secondary schools',
              text: '加强中小学科技教师队伍建设。加强幼儿园和中小学科学教育师资配备，提升教师科学素质，每所学校要配备专(兼)职科技辅导员，为实施科技教育工作提供师资保障。加强科技辅导员培训，将科学精神和科学教育作为教师培训进修的重要内容，切实提高中小学教师的科学素养和业务能力。将科技辅导员承担教学任务外的科技辅导任务计入工作量，列入绩效考核内容，对科技教学和课外科技辅导取得优异成绩的科技辅导员在职称评定、评优评先等方面给予政策倾斜。',
              leads: ['education'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '3.2',
          code: '三（二）',
          title: '实施农民科学素质提升行动',
          titleEn: 'Farmers’ science-literacy improvement action',
          text: '以提升科技文化素质为重点,提高农民文明生活、科学生产、科学经营能力,造就一支适应农业现代化发展要求的高素质农民队伍,加快推进乡村全面振兴。',
          audiences: ['farmers'],
          tasks: [
            {
              path: '3.2.1',
              code: '三（二）1',
              title: '开展形式多样的农村科普活动',
              titleEn: 'Carry out diverse science-popularisation activities in rural areas',
              text: '开展形式多样的农村科普活动。各部门要结合行业特点和资源优势广泛开展文化科技卫生“三下乡”、科技周、科普日等群众性、基础性、经常性的农村科普活动,大力普及生态环保、节能减排、防灾减灾、卫生健康、移风易俗等知识,引导群众树立崇尚科学、健康理性的思想观念,形成科学生产习惯和健康生活方式,自觉抵制愚昧迷信和陈规陋习,培育乡风文明。',
              leads: ['propaganda', 'science-tech', 'cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.2.2',
              code: '三（二）2',
              title: '开展高素质农民培训',
              titleEn: 'Provide training for high-quality farmers',
              text: '开展高素质农民培训。围绕粮食安全和肉牛、生猪、苹果、蔬菜、中药材等产业发展和农村社会事业等需求,依托农广校、农技中心、蔬菜站等组织构建多种资源和主体有序参与的农民教育培训指导体系,经常开展不同层次、不同形式的农民培训教育指导活动,举办农民技能大赛、科学素质网络竞赛、乡土人才创新创业大赛,提高农民的科学文化素质和生产技能。要积极实施乡村振兴人才培育工程,重点对产业发展带头人、致富能手、家庭农场、合作社、技术协会负责人进行培训,培育一批观念思路新,生产技能强,带动作用明显的农村创业致富带头人。要积极开展农民职业技能鉴定和技能等级认定工作。培育一批创新型、应用型、技能型农村人才队伍,不断提高农民的创新能力和生产能力。',
              leads: ['agriculture', 'science-tech', 'cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.2.3',
              code: '三（二）3',
              title: '实施乡村振兴科技支撑行动',
              titleEn: 'Implement the science and technology support action for rural revitalisation',
              text: '实施乡村振兴科技支撑行动。各单位要结合实际，充分利用技术和资源优势开展科技服务，积极联系高校和科研院所开展乡村振兴服务活动。推广一批科技小院，专家大院，院（校）地共建典型，建立和完善以农技推广机构为主导，合作社和农村专业技术协会为重要力量，全社会广泛参与的新型农村科技社会化服务体系。鼓励农技推广机构与合作社、农技协联合会建立密切的协作关系，把农技协等农村科普组织纳入农技推广服务体系，以委托或购买服务等方式加快新品种、新技术的推广和农技服务。乡镇农业农村综合服务中心要承担起指导、支持所属地农技协从事农技社会化服务的牵头责任。深入推广科技特派员制度，完善常下乡、常在乡长效机制，确保引得来，留得住。支持家庭农场、农民合作社、农民专业技术协会、农业社会化服务组织等农业经营主体和服务主体，通过建立示范基地、田间学校等方式开展科技示范，引领现代农业发展。引导专业技术学（协）会等社会组织开展农业科技服务，将先进实用的品种、技术装备、设施导入小农户，实现小农户和现代农业有机衔接，为乡村振兴多作贡献。',
              leads: ['agriculture', 'science-tech'],
              partners: [LEADING_GROUP],
              areaLeads: [
                {
                  unitKind: 'township',
                  duty: '乡镇农业农村综合服务中心要承担起指导、支持所属地农技协从事农技社会化服务的牵头责任',
                  dutyEn:
                    'Each township’s agricultural and rural service centre leads the guidance and support of its own local agricultural technology associations in socialised agricultural services',
                  provenance: {
                    kind: 'document',
                    quote: '乡镇农业农村综合服务中心要承担起指导、支持所属地农技协从事农技社会化服务的牵头责任',
                    note: 'The centre is a township body, so every township carries the duty for its own area; the plan lists no township among the task’s leads.',
                  },
                },
              ],
            },
          ],
        },
        {
          path: '3.3',
          code: '三（三）',
          title: '实施产业工人科学素质提升行动',
          titleEn: 'Industrial workers’ science-literacy improvement action',
          text: '以提升技能素质为重点，不断提高产业工人职业技能和创新能力，打造一支有理想守信念、懂技术会创新、敢担当讲奉献的高素质产业工人队伍，更好地服务我县经济社会高质量发展。',
          audiences: ['industrial-workers'],
          tasks: [
            {
              path: '3.3.1',
              code: '三（三）1',
              title: '开展理想信念和职业精神宣传教育',
              titleEn: 'Carry out publicity and education on ideals, convictions and professional ethos',
              text: '开展理想信念和职业精神宣传教育。开展“中国梦·劳动美”、最美职工、巾帼建功等活动，大力弘扬劳模精神、劳动精神、工匠精神，营造劳动光荣的社会风尚、精益求精的敬业风气和勇于创新的氛围。',
              leads: ['trade-union'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.3.2',
              code: '三（三）2',
              title: '实施职业技能提升行动',
              titleEn: 'Implement the vocational skills improvement action',
              text: '实施职业技能提升行动。加强专业技术人员继续教育工作，构建完备的专业技术人才继续教育体系，全面提升专业技术人员综合素质和创新创造能力，大力实施多层次、多形式的职业技能培训，基本消除劳动者无技能从业现象，要对快递行业从业人员、家政服务、建筑安装、餐饮服务、物业服务等群体加强职业道德和从业技能培训，提高服务水平。鼓励支持用人单位加强科普阵地建设，广泛开展各类科普教育活动，不断提高职工的科学素质。',
              leads: ['hr-social-security', 'trade-union'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.3.3',
              code: '三（三）3',
              title: '实施技能创新行动',
              titleEn: 'Implement the skills innovation action',
              text: '实施技能创新行动。大力开展职工技能大赛、青年创新大赛、创新创业大赛等多层次、多行业、多工种的劳动技能竞赛，组织开展小发明、小创新、小设计、小建议等群众性技术创新活动，开展最美科技工作者、青年科技奖、优秀技术创新成果类评选活动，鼓励技术人员开展技术攻关、解决技术难题，倡导群众性技术创新和发明，推动大众创业，万众创新。',
              leads: ['science-tech', 'hr-social-security'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '3.4',
          code: '三（四）',
          title: '实施老年人科学素质提升行动',
          titleEn: 'Science-literacy improvement action for the elderly',
          text: '围绕全民健康水平提升行动，重点提升老年人健康素养和信息素养，使老年人的健康文明生活质量和适应社会发展能力明显提高。',
          audiences: ['elderly'],
          tasks: [
            {
              path: '3.4.1',
              code: '三（四）1',
              title: '实施智慧助老行动',
              titleEn: 'Implement the action to help older people with smart technology',
              text: '实施智慧助老行动。要加强家庭、社区、社会协同，统筹利用各方面力量和资源，针对老年人开展多方位、全覆盖的科普活动，提高老年人科学素养。聚焦老年人运用智能技术、融入智慧社会的需求，依托城乡社区服务站、养老院、照料中心、老年活动室等开展智能手机使用、智能就医、智能消费、智能金融等知识和技能演示普及活动，提高老年人对智能技术的运用能力，增强个人信息安全保护意识，提升老年人信息获取、识别、应用等能力。',
              leads: ['civil-affairs'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.4.2',
              code: '三（四）2',
              title: '加强老年人健康科普服务',
              titleEn: 'Strengthen health science-popularisation services for the elderly',
              text: '加强老年人健康科普服务。依托医疗机构，推动老年人健康科普进社区、进乡村、进机构、进家庭，开展健康大讲堂、老年健康宣传周等活动，利用广播、电视、报刊、网络等各类媒体，普及合理膳食、食品安全、心理健康、体育锻炼、合理用药、应急处置等知识，提高老年人健康水平。',
              leads: ['health', 'cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.4.3',
              code: '三（四）3',
              title: '实施银龄科普行动',
              titleEn: 'Implement the silver-age science-popularisation action',
              text: '实施银龄科普行动。积极开发老龄科技人力资源。充分发挥老专家、老科技工作者智力资源，发展壮大老年志愿者队伍，鼓励老年人积极参加社会活动，弘扬科学精神，普及科学知识，为县域经济社会发展献计出力。',
              leads: ['cast'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '3.5',
          code: '三（五）',
          title: '实施领导干部和公务员科学素质提升行动',
          titleEn: 'Science-literacy improvement action for cadres and civil servants',
          text: '进一步强化领导干部和公务员对科教兴国、创新驱动发展战略的认识，树立科学执政理念，提高科学执政水平、科学治理能力、科学决策能力，增强推进国家治理体系和治理能力现代化的本领，更好服务党和国家事业发展。',
          audiences: ['cadres'],
          tasks: [
            {
              path: '3.5.1',
              code: '三（五）1',
              title: '加强领导干部和公务员科学素质教育培训',
              titleEn: 'Strengthen science-literacy education and training for leading cadres and civil servants',
              text: '加强领导干部和公务员科学素质教育培训。强化对领导干部和公务员的科普，在干部教育培训中增加科普内容，突出科学思想、科学方法、科学精神和科技知识内容，加强前沿科技知识和全球科技发展趋势学习，重点加强对各部门、各单位党政领导干部、企业负责人的科学素质教育培训。',
              leads: ['organisation'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.5.2',
              code: '三（五）2',
              title: '考核录用中体现科学素质要求',
              titleEn: 'Reflect science-literacy requirements in assessment and recruitment',
              text: '考核录用中体现科学素质要求。在党政领导干部、企事业单位负责人任职考察、年度考核和人员录用考试中，强化科学素质有关的具体内容。对新进和在职公务员、领导干部、农村党员等重点群体，加强科学知识、科学方法特别是现代科学信息技术运用的培训，增强领导干部和公务员科学履职能力。',
              leads: ['organisation', 'hr-social-security'],
              partners: [LEADING_GROUP],
            },
            {
              path: '3.5.3',
              code: '三（五）3',
              title:
                '鼓励领导干部和公务员带头参与科普活动，宣传科技政策和科技知识，为推动形成崇尚科学、积极创新的社会氛围作出贡献',
              titleEn:
                'Encourage leading cadres and civil servants to take the lead in science-popularisation activities, publicise science and technology policies and knowledge, and help foster a social atmosphere that values science and innovation',
              text: '鼓励领导干部和公务员带头参与科普活动，宣传科技政策和科技知识，为推动形成崇尚科学、积极创新的社会氛围作出贡献。',
              leads: ['organisation', 'hr-social-security'],
              partners: [LEADING_GROUP],
            },
          ],
        },
      ],
    },
    {
      path: '4',
      code: '四',
      title: '五项重点工程',
      titleEn: 'Five key projects',
      kind: 'projects',
      text: '着力固根基、扬优势、补短板、强弱项，构建主体多元、手段多样、供给优质、机制有效的全域科学素质建设体系，在“十四五”时期实施5项重点工程。',
      sections: [
        {
          path: '4.1',
          code: '四（一）',
          title: '实施科技资源科普化工程',
          titleEn: 'Turning science and technology resources into science-popularisation resources',
          text: '科技资源是从事科技活动的人力、物力、财力以及组织、管理、信息等软、硬件要素的总称。将科技资源及时转化为科普资源，使更广泛的社会公众共享科技成果，既是公众理解科学、提高公众科学素质的需要，也是科技事业自身发展的需要，更是建设创新型国家的需要。',
          tasks: [
            {
              path: '4.1.1',
              code: '四（一）1',
              title: '建立完善科技资源科普化机制',
              titleEn:
                'Establish and improve mechanisms for turning science and technology resources into science-popularisation resources',
              text: '建立完善科技资源科普化机制。要加大对科技资源科普化过程中的政策、资金支持力度，加强各部门协调配合，形成有效的联动机制。推动将科普工作实绩作为科技人员职称评聘条件，建立科技人员参与科普能力建设激励奖励机制，充分调动科技人员的科普积极性。',
              leads: ['hr-social-security', 'finance'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.1.2',
              code: '四（一）2',
              title: '实施科技资源科普化专项行动',
              titleEn:
                'Implement a special action to turn science and technology resources into science-popularisation resources',
              text: '实施科技资源科普化专项行动。支持和指导学校、医院等事业单位和企业等利用科技资源开展科普工作，开发科普资源，加强与传媒、专业科普组织合作，及时普及重大科技成果。拓展科技基础设施科普功能，推动科技园区、工业园区、科普示范基地面向社会开展多种形式的科普活动。',
              leads: ['science-tech', 'industry-it'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.1.3',
              code: '四（一）3',
              title: '强化科技工作者的社会责任',
              titleEn: 'Strengthen the social responsibility of science and technology workers',
              text: '强化科技工作者的社会责任。大力弘扬科学家精神，展示科技界优秀典型、生动实践和成就经验，激发全民创新热情和创造活力。深入开展科学道德和学风建设宣讲活动，引导广大科技工作者坚守社会责任，自立自强，建功立业，成为践行科学家精神的表率。通过宣传教育、能力培训、榜样示范等增强科技人员科普能力，针对社会热点、焦点问题，主动、及时、准确发声。',
              leads: ['science-tech', 'cast'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '4.2',
          code: '四（二）',
          title: '实施科普信息化工程',
          titleEn: 'Science-popularisation informatisation project',
          text: '提升优质科普资源传播能力，推动传统媒体与新媒体深度融合，促进科普信息在农村、社区、学校广泛应用，定向、精准推送科普信息。',
          tasks: [
            {
              path: '4.2.1',
              code: '四（二）1',
              title: '开展全媒体科普行动',
              titleEn: 'Carry out an all-media science-popularisation action',
              text: '开展全媒体科普行动。广泛动员各方力量开展科普信息化建设，推动信息技术手段在科普中的运用。推动正宁融媒体中心、政府网站、各单位网站等主流媒体加大科普宣传力度，增设科普专栏，增加科学内容；鼓励单位、社会组织和个人利用微博、微信、抖音、快手等平台传播科普资源；鼓励公益广告增加科普内容，不断增强科普的信息化程度。',
              leads: ['propaganda'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.2.2',
              code: '四（二）2',
              title: '推动科普创作',
              titleEn: 'Promote the creation of science-popularisation works',
              text: '推动科普创作。支持科普原创作品，大力支持面向科技前沿、全县经济社会发展需求、生命健康等题材开展科普创作，鼓励社会各界积极参与科普创作，推动科普与艺术、人文有机结合。关心科普创作人才成长，加大科普创作人才培养，培养一批科普创作领军人才，进一步探索科普文化。',
              leads: ['cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.2.3',
              code: '四（二）3',
              title: '强化科普信息的落地应用',
              titleEn: 'Strengthen the practical application of science-popularisation information',
              text: '强化科普信息的落地应用。强化移动端科普推送，支持移动端科普文化融合创作，促进科普活动线上线下结合。各级各部门要积极推动“科普中国”落地应用，实现注册人数和传播量持续增长，年传播信息量 20 万条以上。',
              leads: ['cast'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '4.3',
          code: '四（三）',
          title: '实施科普基础设施工程',
          titleEn: 'Science-popularisation infrastructure project',
          text: '建立政府引导、多渠道投入的机制，加强科普基础设施建设，增加科普基础设施总量、完善科普设施布局，提升科普基础设施的服务能力，实现资源合理配置和服务均衡化、广覆盖。',
          tasks: [
            {
              path: '4.3.1',
              code: '四（三）1',
              title: '加强科普场馆体系建设',
              titleEn: 'Strengthen the system of science-popularisation venues',
              text: '加强科普场馆体系建设。把科普设施建设纳入国民经济和社会发展规划，不断加强城乡科普设施建设。有计划地对科技馆、青少年科技活动中心(站)的设施进行升级改造。同时积极推动乡村科普服务站、社区科普活动室(站)、城乡科普长廊(橱窗)建设，形成覆盖城乡、协同一体的现代科普场馆体系。',
              leads: ['development-reform', 'cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.3.2',
              code: '四（三）2',
              title: '推动科普资源联动融合',
              titleEn: 'Promote the linkage and integration of science-popularisation resources',
              text: '推动科普资源联动融合。加强科技场馆、科普教育基地与文化馆、博物馆、图书馆、气象观测站等公共基础设施的联动融合共享，进一步优化整合县域科普资源，拓展科普活动阵地，不断提高科普服务质量和能力。',
              leads: ['cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.3.3',
              code: '四（三）3',
              title: '加强科普基地建设',
              titleEn: 'Strengthen the development of science-popularisation bases',
              text: '加强科普基地建设。深化科普教育基地创建活动，鼓励支持环境保护、安全生产、食品药品、农林、气象等部门建设不同功能的行业类科普基地，不断完善运行机制，提升科普教育服务能力，向社会免费开放。倡导图书馆、文化馆、博物馆、旅游景区、车站、电影院等公共场所增加科技教育内容，开展科普活动，拓展科普服务功能。动员科普基地积极利用现有科普信息平台获取科普资源，加强线上科普资源的线下应用。力争到2025年，创建省级科普基地2处，市级科普基地3处，县级科普基地5处。',
              leads: ['cast', 'science-tech'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '4.4',
          code: '四（四）',
          title: '实施基层科普能力提升工程',
          titleEn: 'Grassroots science-popularisation capacity project',
          text: '建立健全应急科普协调联动机制，提升基层科普工作能力，基本建成平战结合应急科普体系。',
          tasks: [
            {
              path: '4.4.1',
              code: '四（四）1',
              title: '建立应急科普宣教协同机制',
              titleEn: 'Establish a coordination mechanism for emergency science publicity and education',
              text: '建立应急科普宣教协同机制。完善应急科普宣教平台，建立应急科普协同机制，坚持日常宣教与应急宣传相结合，纳入突发事件应急工作整体规划。储备和传播优质应急科普资源，有效开展传染病防治、防灾减灾、应急避险等主题科普宣教活动，全面推进应急科普知识进企业、进农村、进社区、进学校、进家庭。提升应急管理机构和媒体人员的应急科普能力，在突发事件状态下，各部门能够密切协作，及时做好政策解读、知识普及和舆情引导等工作。',
              leads: ['emergency'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.4.2',
              code: '四（四）2',
              title: '健全基层科普服务体系',
              titleEn: 'Improve the grassroots science-popularisation service system',
              text: '健全基层科普服务体系。构建以新时代文明实践中心、党群服务中心、社区服务中心（站）等为阵地，以志愿服务为重要手段的基层科普服务体系。动员学校、医院、农林系统和各乡镇等分行业组建规模适度、结构合理、素质优良的科技志愿服务队，完善科技志愿服务管理制度，推进科技志愿服务专业化、规范化、常态化发展，推广群众点单、社区派单、部门领单、科技志愿服务队接单的订单认领科普服务模式。',
              leads: ['cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.4.3',
              code: '四（四）3',
              title: '加强基层科普服务能力建设',
              titleEn: 'Strengthen grassroots science-popularisation service capacity',
              text: '加强基层科普服务能力建设。深入实施基层科普行动计划，争取更多农技协（联合会）、农村科普示范基地得到奖补支持，增强辐射带动作用。推动建设乡村学校少年宫、中小学科普教育社会实践基地、农村中学科技馆等未成年人科技活动场所，探索建立基层科普展览展示资源共享机制。深入开展科技文化卫生“三下乡”、全国科普日、科技活动周、防灾减灾日、食品安全宣传周等活动，增进公众对科技发展的了解和支持。',
              leads: ['science-tech', 'cast'],
              partners: [LEADING_GROUP],
            },
            {
              path: '4.4.4',
              code: '四（四）4',
              title: '加强专职科普队伍建设',
              titleEn: 'Strengthen the full-time science-popularisation workforce',
              text: '加强专职科普队伍建设。加强科技馆、青少年校外活动中心、科普基地等场所专职科普人才队伍建设。在中小学校建立专职青少年科技辅导员队伍，动员科技特派员、大学生村官、农村致富带头人、气象信息员、中小学教师等担任科普宣传员，深入开展科学传播活动。',
              leads: ['cast'],
              partners: [LEADING_GROUP],
            },
          ],
        },
        {
          path: '4.5',
          code: '四（五）',
          title: '实施科学素质交流合作工程',
          titleEn: 'Science-literacy exchange and cooperation project',
          text: '拓展科学素质建设交流渠道，推动建立开放合作平台，形成共商、共建、共享的交流格局，提升开放交流水平。',
          responsibility: {
            leads: ['science-tech', 'cast'],
            partners: [LEADING_GROUP],
            provenance: { kind: 'document', note: SECTION_CLOSING_NOTE },
          },
          tasks: [
            {
              path: '4.5.1',
              code: '四（五）1',
              title: '拓展科技人文交流渠道',
              titleEn: 'Broaden channels for science, technology and people-to-people exchange',
              text: '拓展科技人文交流渠道。围绕提升科学素质、促进可持续发展，充分发挥自然科学与社会科学人文交流机制作用，开展科技人才、青少年交流培育计划。拓展交流领域和渠道，坚持“走出去”与“请进来”相结合，加强与省内外、兄弟县、市的交流与合作，实现资源共享、优势互补，提升合作层次。',
              leads: ['science-tech', 'cast'],
              partners: [LEADING_GROUP],
              inherited: true,
            },
            {
              path: '4.5.2',
              code: '四（五）2',
              title: '丰富合作内容',
              titleEn: 'Enrich the content of cooperation',
              text: '丰富合作内容。深入开展科学教育、传播和普及双多边合作项目，聚焦应对未来发展、粮食安全、能源安全、人类健康、灾害风险、气候变化等共性问题，加强青少年、妇女和教育、媒体、文化等领域科技人文交流。促进自然科学、社会科学、人文艺术之间的交流融合。',
              leads: ['science-tech', 'cast'],
              partners: [LEADING_GROUP],
              inherited: true,
            },
            {
              path: '4.5.3',
              code: '四（五）3',
              title: '搭建合作平台',
              titleEn: 'Build cooperation platforms',
              text: '搭建合作平台。深化公共卫生、绿色发展、科技教育、红色教育等领域之间的合作，加强与组织、宣传、科技、教育等相关部门的沟通协作，积极搭建合作平台，通过科技共享、文明共享、知识共享，促进科学文化交流，不断拓展新的合作空间和服务领域，提升科普服务水平。',
              leads: ['science-tech', 'cast'],
              partners: [LEADING_GROUP],
              inherited: false,
            },
          ],
        },
      ],
    },
    {
      path: '5',
      code: '五',
      title: '保障措施',
      titleEn: 'Safeguards',
      kind: 'safeguards',
      sections: [
        {
          path: '5.1',
          code: '五（一）',
          title: '加强组织领导',
          titleEn: 'Strengthen organisation and leadership',
          text: '要将全民科学素质建设工作纳入国民经济和社会发展规划，充分发挥科学素质纲要实施工作领导小组组织领导和协调作用，及时研究工作中的重大问题，强化督查检查，推动各项工作任务落实。各责任单位按照《科学素质纲要》的任务要求和实施方案的安排，将各自承担的任务纳入本部门本系统的相关工作规划，发挥各自优势，密切配合，形成合力。县科协要发挥综合协调作用，做好沟通联络工作，会同有关方面共同推进全民科学素质提升工作。各乡镇要把全民科学素质建设作为乡村振兴重要内容，列入工作计划，加大支持和工作力度，全面推动辖区公民科学素质稳步提升。',
        },
        {
          path: '5.2',
          code: '五（二）',
          title: '建立健全机制',
          titleEn: 'Establish and improve mechanisms',
          clauses: [
            {
              path: '5.2.1',
              code: '五（二）1',
              title: '建立督查考核机制',
              titleEn: 'Supervision and assessment',
              text: '建立督查考核机制。要实行目标考核制度，成立科学素质纲要实施工作督查考核组，定期对各乡镇、各成员单位的工作情况进行督查考核，有效推动各项工作任务落实。',
            },
            {
              path: '5.2.2',
              code: '五（二）2',
              title: '完善动员机制',
              titleEn: 'Mobilisation, awards and commendation',
              text: '完善动员机制。通过评优奖先、示范引导、政府购买服务等方式推动全社会积极开展公民科学素质建设。按照国家有关规定，对在公民科学素质建设中做出突出贡献的集体和个人给予奖励和表彰，大力宣传先进人物和典型经验。',
            },
            {
              path: '5.2.3',
              code: '五（二）3',
              title: '建立监测评估机制',
              titleEn: 'Monitoring and evaluation',
              text: '建立监测评估机制。完善公民科学素质调查体系，定期开展全县公民科学素质调查和科普统计工作，科学客观反映公民科学素质建设推进情况，为《科学素质纲要》实施和监测评估提供依据。',
            },
          ],
        },
        {
          path: '5.3',
          code: '五（三）',
          title: '加大人员经费支持',
          titleEn: 'More staff and funding',
          // These two clauses print no bolded heading: each is one sentence, which is its title.
          clauses: [
            {
              path: '5.3.1',
              code: '五（三）1',
              title:
                '要把科普人才建设纳入全县人才发展规划，对科协组织、科普场馆等科普机构的工作人员、编制进行充实，建设一支规模适度、满足需要、结构合理、运行稳定的科普工作者队伍',
              titleEn: 'Staffing',
              text: '要把科普人才建设纳入全县人才发展规划，对科协组织、科普场馆等科普机构的工作人员、编制进行充实，建设一支规模适度、满足需要、结构合理、运行稳定的科普工作者队伍。',
            },
            {
              path: '5.3.2',
              code: '五（三）2',
              title:
                '加大公民科学素质建设的投入力度，将科普经费列入财政预算，依照省市县要求予以足额保障，并根据财力情况和公民科学素质建设需要逐步提高，各成员单位要根据承担的任务，按照国家预算管理规定和现行资金渠道，统筹考虑和落实公民科学素质建设所需经费，鼓励社会资本投入公民科学素质建设',
              titleEn: 'Funding',
              text: '加大公民科学素质建设的投入力度，将科普经费列入财政预算，依照省市县要求予以足额保障，并根据财力情况和公民科学素质建设需要逐步提高，各成员单位要根据承担的任务，按照国家预算管理规定和现行资金渠道，统筹考虑和落实公民科学素质建设所需经费，鼓励社会资本投入公民科学素质建设。',
            },
          ],
        },
      ],
    },
  ],
  indicators: [
    {
      id: 'literacy-rate',
      name: '公民具备科学素质的比例',
      nameEn: 'Share of citizens with scientific literacy',
      unit: '%',
      valueType: 'rate',
      temporal: 'stock',
      rate: { numerator: '具备科学素质的公民人数', denominator: '公民人数', scale: 100 },
      source: 'survey',
      description:
        'Measured by the citizen scientific-literacy survey (公民科学素质调查, 五（二）3); aggregate from weighted numerators and denominators, never by averaging rates.',
    },
    {
      id: 'literacy-imbalance',
      name: '城乡各类人群科学素质发展不均衡状况',
      nameEn: 'Imbalance of scientific literacy between urban and rural areas and between groups',
      unit: '',
      valueType: 'judgement',
      temporal: 'stock',
      source: 'review',
    },
    {
      id: 'weekly-science-classes',
      name: '每周科学课（综合实践课）节数',
      nameEn: 'Science (comprehensive-practice) classes a week',
      unit: '节/周',
      unitEn: 'classes a week',
      valueType: 'number',
      temporal: 'stock',
      dimensions: [
        {
          id: 'grade-band',
          name: '学段',
          nameEn: 'Grade band',
          categories: [
            { id: 'grade-2', name: '小学二年级', nameEn: 'Primary grade 2' },
            { id: 'grades-3-6', name: '小学三至六年级', nameEn: 'Primary grades 3–6' },
            { id: 'middle-school', name: '中学', nameEn: 'Middle school' },
          ],
        },
      ],
      source: 'report',
      description: 'For the middle-school band the class is a comprehensive-practice class (综合实践课), as printed.',
    },
    {
      id: 'schools-with-science-tutor',
      name: '配备专（兼）职科技辅导员的学校比例',
      nameEn: 'Share of schools with a full- or part-time science tutor',
      unit: '%',
      valueType: 'rate',
      temporal: 'stock',
      rate: { numerator: '配备专（兼）职科技辅导员的学校数', denominator: '学校总数', scale: 100 },
      source: 'report',
    },
    {
      id: 'science-china-dissemination',
      name: '“科普中国”年传播信息量',
      nameEn: 'Science China items disseminated a year',
      unit: '条',
      unitEn: 'items',
      valueType: 'number',
      temporal: 'flow',
      source: 'report',
      description: 'The plan’s 传播量 and 年传播信息量 are read as one measure: items disseminated in a year.',
    },
    {
      id: 'science-china-registrations',
      name: '“科普中国”注册人数',
      nameEn: 'Science China registered users',
      unit: '人',
      unitEn: 'people',
      valueType: 'number',
      temporal: 'stock',
      source: 'report',
    },
    {
      id: 'science-bases-created',
      name: '创建科普基地数',
      nameEn: 'Science-popularisation bases created',
      unit: '处',
      unitEn: 'bases',
      valueType: 'number',
      temporal: 'flow',
      dimensions: [
        {
          id: 'level',
          name: '级别',
          nameEn: 'Level',
          categories: [
            { id: 'provincial', name: '省级', nameEn: 'Provincial' },
            { id: 'city', name: '市级', nameEn: 'City' },
            { id: 'county', name: '县级', nameEn: 'County' },
          ],
        },
      ],
      source: 'report',
    },
    {
      id: 'science-funding-in-budget',
      name: '科普经费列入财政预算并足额保障',
      nameEn: 'Science-popularisation funding in the budget, fully secured',
      unit: '',
      valueType: 'judgement',
      temporal: 'stock',
      source: 'review',
    },
    {
      id: 'science-funding',
      name: '财政预算安排的科普经费',
      nameEn: 'Science-popularisation funding in the county budget',
      unit: '万元',
      unitEn: '10,000 yuan',
      valueType: 'number',
      temporal: 'flow',
      source: 'statistics',
      description: 'Reported yearly in the science-popularisation statistics (科普统计, funding category).',
    },
  ],
  targets: [
    {
      kind: 'quantitative',
      id: 'literacy-rate-2025',
      title: '到2025年全县公民具备科学素质的比例达到12%以上',
      titleEn: 'Share of citizens with scientific literacy at or above 12% by 2025',
      indicator: 'literacy-rate',
      aggregation: { kind: 'county-figure' },
      links: ['2.3'],
      baseline: { value: 7.8, year: 2020, note: '一、前言：“2020年全县公民科学素质比例达到 7.8%”' },
      comparator: { op: 'gte', value: 12, word: '达到…以上' },
      cadence: 'by-deadline',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote: '到 2025 年，全县公民具备科学素质的比例达到 12% 以上',
        note: '达到…以上 read as ≥ 12 (12% itself meets the target). The baseline sentence is split by a page break in the printed text.',
      },
    },
    {
      kind: 'qualitative',
      id: 'imbalance-improved',
      title: '全县城乡各类人群科学素质发展不均衡明显改善',
      titleEn: 'Urban–rural and between-group imbalance of scientific literacy clearly improved',
      indicator: 'literacy-imbalance',
      links: ['2.3'],
      deadline: { year: 2025 },
      judgement: {
        by: 'reviewer',
        criteria: '与基线相比，全县城乡之间、各类人群之间公民具备科学素质比例的差距明显缩小',
        evidence: [
          '公民科学素质调查：城镇居民与农村居民具备科学素质比例之差',
          '公民科学素质调查：不同人群（性别、年龄、文化程度、职业）具备科学素质比例之差',
        ],
      },
      provenance: {
        kind: 'document',
        quote: '全县城乡各类人群科学素质发展不均衡明显改善',
        note: 'The plan sets no number: a reviewer judges “明显改善” on the survey’s urban–rural and group gaps against the earliest survey available.',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-classes-grade-2',
      title: '小学二年级每周2节科学课',
      titleEn: 'Two science classes a week in primary grade 2',
      indicator: 'weekly-science-classes',
      aggregation: { kind: 'county-figure', reporter: 'education' },
      category: { 'grade-band': 'grade-2' },
      links: ['3.1.2'],
      comparator: { op: 'gte', value: 2, word: '开齐开足…保障…2 节' },
      cadence: 'every-year',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote:
          '在中小学开齐开足科学课程，保障小学二年级每周 2 节科学课，三至六年级每周 2 至 3 节科学课，中学每周 1 节综合实践课',
        note: '保障 (guarantee) and 开齐开足 (offer in full) set a floor: at least 2 classes a week, so 2 or more meets the target and fewer misses it. More classes are not a shortfall.',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-classes-grades-3-6',
      title: '小学三至六年级每周2至3节科学课',
      titleEn: 'Two to three science classes a week in primary grades 3–6',
      indicator: 'weekly-science-classes',
      aggregation: { kind: 'county-figure', reporter: 'education' },
      category: { 'grade-band': 'grades-3-6' },
      links: ['3.1.2'],
      comparator: { op: 'gte', value: 2, word: '开齐开足…保障…2 至 3 节' },
      cadence: 'every-year',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote:
          '在中小学开齐开足科学课程，保障小学二年级每周 2 节科学课，三至六年级每周 2 至 3 节科学课，中学每周 1 节综合实践课',
        note: 'Governed by the same 保障 and 开齐开足 as grade 2, so a floor: 2 至 3 guarantees at least 2 (the lower figure); a third class is allowed, not required, and a fourth is not a shortfall.',
      },
    },
    {
      kind: 'quantitative',
      id: 'practice-classes-middle-school',
      title: '中学每周1节综合实践课',
      titleEn: 'One comprehensive-practice class a week in middle school',
      indicator: 'weekly-science-classes',
      aggregation: { kind: 'county-figure', reporter: 'education' },
      category: { 'grade-band': 'middle-school' },
      links: ['3.1.2'],
      comparator: { op: 'gte', value: 1, word: '开齐开足…保障…1 节' },
      cadence: 'every-year',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote:
          '在中小学开齐开足科学课程，保障小学二年级每周 2 节科学课，三至六年级每周 2 至 3 节科学课，中学每周 1 节综合实践课',
        note: 'A floor of 1, like grade 2 (保障, 开齐开足); the class is a comprehensive-practice class (综合实践课), as printed.',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-tutor-every-school',
      title: '每所学校配备专（兼）职科技辅导员',
      titleEn: 'Every school has a full- or part-time science tutor',
      indicator: 'schools-with-science-tutor',
      aggregation: { kind: 'sum-of-own' },
      links: ['3.1.5'],
      comparator: { op: 'gte', value: 100, word: '每所学校要配备' },
      cadence: 'every-year',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote: '每所学校要配备专(兼)职科技辅导员',
        note: '每所学校 read as 100% of schools, in every year of the period (a standing requirement, not a goal for 2025 only).',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-china-items',
      title: '“科普中国”年传播信息量20万条以上',
      titleEn: 'At least 200,000 Science China items disseminated a year',
      indicator: 'science-china-dissemination',
      aggregation: { kind: 'sum-of-own' },
      links: ['4.2.3'],
      comparator: { op: 'gte', value: 200_000, word: '以上' },
      cadence: 'every-year',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote: '年传播信息量 20 万条以上',
        note: '20 万条 = 200,000 items; 以上 read as ≥ (inclusive); 年 read as every year of the period.',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-china-registrations-growth',
      title: '“科普中国”注册人数持续增长',
      titleEn: 'Science China registrations grow every year',
      indicator: 'science-china-registrations',
      aggregation: { kind: 'sum-of-own' },
      links: ['4.2.3'],
      comparator: { op: 'gt', value: 0, word: '持续增长' },
      cadence: 'year-on-year-growth',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote: '各级各部门要积极推动“科普中国”落地应用，实现注册人数和传播量持续增长',
        note: '持续增长 read as growth against the year before, every year: the comparator applies to the year-on-year change (> 0).',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-china-dissemination-growth',
      title: '“科普中国”传播量持续增长',
      titleEn: 'Science China dissemination grows every year',
      indicator: 'science-china-dissemination',
      aggregation: { kind: 'sum-of-own' },
      links: ['4.2.3'],
      comparator: { op: 'gt', value: 0, word: '持续增长' },
      cadence: 'year-on-year-growth',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote: '各级各部门要积极推动“科普中国”落地应用，实现注册人数和传播量持续增长',
        note: '持续增长 read as growth against the year before, every year (change > 0); 传播量 read as the same measure as 年传播信息量.',
      },
    },
    ...(
      [
        ['provincial', '省级', 'Provincial', 2],
        ['city', '市级', 'City', 3],
        ['county', '县级', 'County', 5],
      ] as const
    ).map(([level, name, nameEn, value]) => ({
      kind: 'quantitative' as const,
      id: `science-bases-${level}`,
      title: `到2025年创建${name}科普基地${value}处`,
      titleEn: `${nameEn}-level science-popularisation bases created by 2025: ${value}`,
      indicator: 'science-bases-created',
      aggregation: { kind: 'county-figure' as const },
      category: { level },
      links: ['4.3.3'],
      baseline: {
        value: 0,
        year: 2022,
        note: 'Counts bases created under this plan, so the count starts at 0 when it is issued; the plan gives no number of existing bases.',
      },
      comparator: { op: 'gte' as const, value, word: '力争' },
      cadence: 'cumulative-by-deadline' as const,
      deadline: { year: 2025 },
      provenance: {
        kind: 'document' as const,
        quote: '力争到2025年，创建省级科普基地2处，市级科普基地3处，县级科普基地5处',
        note: '力争 (strive to) read as ≥ the number; the count is cumulative from the plan’s start to 2025.',
      },
    })),
    {
      kind: 'qualitative',
      id: 'science-funding-in-budget',
      title: '科普经费列入财政预算并足额保障',
      titleEn: 'Science-popularisation funding in the budget and fully secured',
      indicator: 'science-funding-in-budget',
      links: ['5.3.2'],
      cadence: 'every-year',
      deadline: { year: 2025 },
      judgement: {
        by: 'reviewer',
        criteria: '县级财政预算中单列科普经费，并依照省市县要求足额保障',
        evidence: ['当年县级财政预算中的科普经费科目及金额', '科普经费拨付记录'],
      },
      provenance: {
        kind: 'document',
        quote: '将科普经费列入财政预算，依照省市县要求予以足额保障',
        note: 'A budget is drawn up every year, so 列入财政预算…足额保障 is read as an obligation of each year: judged by a reviewer in each year of the period, met or not met, never prorated by the time elapsed. The plan gives no amount.',
      },
    },
    {
      kind: 'quantitative',
      id: 'science-funding-growth',
      title: '科普经费逐步提高',
      titleEn: 'Science-popularisation funding rises year on year',
      indicator: 'science-funding',
      aggregation: { kind: 'county-figure' },
      links: ['5.3.2'],
      comparator: { op: 'gt', value: 0, word: '逐步提高' },
      cadence: 'year-on-year-growth',
      deadline: { year: 2025 },
      provenance: {
        kind: 'document',
        quote: '并根据财力情况和公民科学素质建设需要逐步提高',
        note: '逐步提高 read as growth against the year before (change > 0). The plan ties it to 财力情况 (what the budget allows); a reviewer may take that into account, the target itself does not.',
      },
    },
  ],
  safeguards: [
    {
      kind: 'organisation',
      id: 'organisation',
      path: '5.1',
      title: '加强组织领导',
      summary:
        '充分发挥科学素质纲要实施工作领导小组组织领导和协调作用；各责任单位将承担的任务纳入本部门本系统工作规划；县科协发挥综合协调作用；各乡镇把全民科学素质建设列入工作计划。',
      group: LEADING_GROUP,
      coordinator: 'cast',
    },
    {
      kind: 'assessment',
      id: 'assessment',
      path: '5.2.1',
      title: '建立督查考核机制',
      summary: '实行目标考核制度，定期对各乡镇、各成员单位的工作情况进行督查考核。',
      assessed: ['township', 'member-unit'],
      frequency: 'periodic',
      body: '科学素质纲要实施工作督查考核组',
      method: '目标考核',
    },
    {
      kind: 'awards',
      id: 'awards',
      path: '5.2.2',
      title: '完善动员机制',
      summary: '对在公民科学素质建设中做出突出贡献的集体和个人给予奖励和表彰，大力宣传先进人物和典型经验。',
      means: ['评优奖先', '示范引导', '政府购买服务', '奖励和表彰'],
    },
    {
      kind: 'monitoring',
      id: 'monitoring',
      path: '5.2.3',
      title: '建立监测评估机制',
      summary: '定期开展全县公民科学素质调查和科普统计工作，为《科学素质纲要》实施和监测评估提供依据。',
      instruments: ['literacy-survey', 'science-statistics'],
      frequency: 'periodic',
    },
    {
      kind: 'staffing',
      id: 'staffing',
      path: '5.3.1',
      title: '科普人才与编制',
      summary: '把科普人才建设纳入全县人才发展规划，充实科普机构的工作人员和编制。',
      commitments: [
        '要把科普人才建设纳入全县人才发展规划',
        '对科协组织、科普场馆等科普机构的工作人员、编制进行充实',
        '建设一支规模适度、满足需要、结构合理、运行稳定的科普工作者队伍',
      ],
    },
    {
      kind: 'funding',
      id: 'funding',
      path: '5.3.2',
      title: '科普经费',
      summary: '科普经费列入财政预算、足额保障并逐步提高；各成员单位落实所承担任务的经费；鼓励社会资本投入。',
      commitments: [
        '将科普经费列入财政预算',
        '依照省市县要求予以足额保障',
        '根据财力情况和公民科学素质建设需要逐步提高',
        '各成员单位要根据承担的任务，按照国家预算管理规定和现行资金渠道，统筹考虑和落实公民科学素质建设所需经费',
        '鼓励社会资本投入公民科学素质建设',
      ],
    },
  ],
} satisfies PlanInput;

/**
 * The Zhengning plan as written, before validation and defaults: the literal `zhengningPlan` is
 * parsed from. Useful to build variants (a broken reference, an edited target) in tests.
 * Frozen: copy it (`structuredClone`) before changing anything.
 *
 * @example
 * ```ts
 * import { validatePlan } from '@kepu/core';
 * import { zhengningPlanInput } from '@kepu/plan-zhengning';
 * const copy = structuredClone(zhengningPlanInput);
 * copy.orgUnits = copy.orgUnits.filter((u) => u.id !== 'cast');
 * validatePlan(copy).ok; // false: tasks led by 县科协 now name an unknown unit
 * ```
 */
export const zhengningPlanInput: PlanInput = deepFreeze(input);

/**
 * The Zhengning County (正宁县, 庆阳市, 甘肃省) science-literacy implementation plan 2022–2025,
 * complete: metadata, the four principles, five audiences, the five parts with all 33 tasks and
 * their leads and partners, 15 departments, the leading group and the ten townships, 9 indicators
 * and 14 targets, and the safeguards. Validated by `parsePlan` when the module loads, so a
 * broken edit fails at import. Frozen: copy it (`structuredClone`) before changing anything.
 *
 * @example
 * ```ts
 * import { tasksOfUnit } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * tasksOfUnit(zhengningPlan, 'cast').lead.map((t) => t.code); // ['三（一）3', '三（二）1', …]
 * ```
 */
export const zhengningPlan: Plan = deepFreeze(parsePlan(input));
