// The playground's own users (it asks for at least five), with the signed-in person as Alex Kim, a CSM of the demo portfolio
// (matched by email, as Tend links Teams users).
export const playgroundConfig = `version: "0.1.1"
tenantId: 00000000-0000-0000-0000-0000000000001
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: Tend
currentUser:
  id: user-id-0
  name: Alex Kim
  userPrincipleName: alex@tend.example
  aadObjectId: 00000000-0000-0000-0000-0000000000020
  givenName: Alex
  surname: Kim
  email: alex@tend.example
users:
${['Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins']
  .map(
    (name, i) => `  - id: user-id-${i + 1}
    name: ${name}
    userPrincipleName: user${i + 1}@example.com
    aadObjectId: 00000000-0000-0000-0000-00000000002${i + 1}
    givenName: ${name.split(' ')[0]}
    surname: ${name.split(' ')[1]}
    email: user${i + 1}@example.com
`,
  )
  .join('')}personalChat:
  id: personal-chat-id
groupChat:
  id: group-chat-id
  name: Group Chat
team:
  id: team-id
  name: My Team
  aadGroupId: 00000000-0000-0000-0000-000000000031
  channels:
    - id: channel-announcements-id
      name: Announcements
`;
