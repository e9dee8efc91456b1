import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../../../db/entities';
import type { Principal } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { verifyPassword } from '../../../db/password';

interface Claims {
  sub: string;
  name: string;
  role: Principal['role'];
  dept: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async login(username: string, password: string) {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username });
    // The same answer for an unknown user and a wrong password: a login says nothing about who exists.
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new UnauthorizedException('unknown user or wrong password');
    }
    const claims: Claims = { sub: user.id, name: user.username, role: user.role, dept: user.departmentId };
    const token = await this.jwt.signAsync(claims);
    return {
      accessToken: token,
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.ttlSeconds,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        departmentId: user.departmentId,
      },
    };
  }

  async verify(token: string): Promise<Principal> {
    const claims = await this.jwt.verifyAsync<Claims>(token);
    return { id: claims.sub, username: claims.name, role: claims.role, departmentId: claims.dept };
  }
}
