import type { ApplicationDocument } from '../../api/types';
import { genderLabel } from '../../format/formatters';

type Person = ApplicationDocument['applicant'];

/** Full personal data: staff need it to decide, and the gateway logs who opened it. */
function PersonRows({ person }: { person: Person }) {
  return (
    <>
      <dt>姓名</dt>
      <dd>{person.name}</dd>
      <dt>身份证号</dt>
      <dd className="mono">{person.idNumber}</dd>
      {person.gender && (
        <>
          <dt>性别</dt>
          <dd>{genderLabel(person.gender)}</dd>
        </>
      )}
      {person.birthDate && (
        <>
          <dt>出生日期</dt>
          <dd>{person.birthDate}</dd>
        </>
      )}
      {person.phone && (
        <>
          <dt>电话</dt>
          <dd className="mono">{person.phone}</dd>
        </>
      )}
      {person.address && (
        <>
          <dt>住址</dt>
          <dd>{person.address}</dd>
        </>
      )}
    </>
  );
}

export function ApplicantCard({
  applicant,
  agent,
}: {
  applicant: Person;
  agent: ApplicationDocument['agent'];
}) {
  return (
    <div className="card">
      <h2>申请人</h2>
      <dl className="facts" data-testid="applicant">
        <PersonRows person={applicant} />
      </dl>
      {agent && (
        <>
          <h3>代办人（{agent.relation}）</h3>
          <dl className="facts">
            <PersonRows person={agent} />
          </dl>
        </>
      )}
    </div>
  );
}
